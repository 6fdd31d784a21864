package org.c4tap.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the structure dump of {@code openssl cms -cmsout -print}: OpenSSL's own parse of a CMS
 * object, so the algorithms named here are what an independent implementation found, not what our
 * code meant to write.
 */
final class CmsPrint {

    private static final Pattern ALGORITHM = Pattern.compile("^\\s*algorithm: (\\S+) \\(", Pattern.MULTILINE);
    private static final Pattern CONTENT_TYPE = Pattern.compile("^CMS_ContentInfo: \\s*\\n\\s*contentType: (\\S+) \\(", Pattern.MULTILINE);

    private final String text;

    CmsPrint(String text) {
        this.text = text;
    }

    /** The outer content type, e.g. {@code pkcs7-envelopedData}. */
    String contentType() {
        Matcher matcher = CONTENT_TYPE.matcher(text);
        assertThat(matcher.find()).as("a content type in\n%s", text).isTrue();
        return matcher.group(1);
    }

    /** The name of the first algorithm after {@code field}, e.g. after {@code keyEncryptionAlgorithm:}. */
    String algorithmAfter(String field) {
        int at = text.indexOf(field);
        assertThat(at).as("%s in\n%s", field, text).isNotNegative();
        Matcher matcher = ALGORITHM.matcher(text);
        assertThat(matcher.find(at)).as("an algorithm after %s", field).isTrue();
        return matcher.group(1);
    }

    /** The text from {@code from} up to the next {@code to} (both must occur). */
    String between(String from, String to) {
        int start = text.indexOf(from);
        assertThat(start).as("%s in\n%s", from, text).isNotNegative();
        int end = text.indexOf(to, start + from.length());
        assertThat(end).as("%s after %s in\n%s", to, from, text).isNotNegative();
        return text.substring(start, end);
    }

    /** This dump from {@code from} on. */
    CmsPrint from(String from) {
        int start = text.indexOf(from);
        assertThat(start).as("%s in\n%s", from, text).isNotNegative();
        return new CmsPrint(text.substring(start));
    }

    /** The OBJECT names in an ASN.1 parameter dump, e.g. {@code [sha256, mgf1, sha256]} for OAEP with SHA-256. */
    static List<String> objects(String dump) {
        List<String> names = new ArrayList<>();
        Matcher matcher = Pattern.compile("prim:\\s+OBJECT\\s+:(\\S+)").matcher(dump);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    @Override
    public String toString() {
        return text;
    }
}
