package org.c4tap.core.indicator;

import java.util.regex.Pattern;

/**
 * Renders indicators so that no mail client or chat tool turns them into live links: {@code
 * hxxps://evil[.]example/path}. Only for human-readable text; JSON and STIX keep the real value.
 */
public final class Defang {

    private static final Pattern SCHEME = Pattern.compile("(?i)^(h)tt(ps?)(://)");
    private static final Pattern FTP = Pattern.compile("(?i)^ftp(://)");
    private static final Pattern ADDRESS_DOMAIN = Pattern.compile("@([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)");

    private Defang() {
    }

    public static String url(String url) {
        String scheme = SCHEME.matcher(url).replaceFirst("$1xx$2$3");
        scheme = FTP.matcher(scheme).replaceFirst("fxp$1");
        int start = scheme.indexOf("://");
        if (start < 0) {
            return host(scheme);
        }
        int authorityStart = start + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < scheme.length() && "/?#".indexOf(scheme.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        return scheme.substring(0, authorityStart) + host(scheme.substring(authorityStart, authorityEnd))
                + scheme.substring(authorityEnd);
    }

    public static String host(String host) {
        return host.replace(".", "[.]");
    }

    public static String address(String address) {
        return address.replace("@", "[@]").replace(".", "[.]");
    }

    /** Defangs the domain of every address in a text such as "Name &lt;a@evil.example&gt;". */
    public static String addresses(String text) {
        java.util.regex.Matcher matcher = ADDRESS_DOMAIN.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 8);
        while (matcher.find()) {
            matcher.appendReplacement(out, java.util.regex.Matcher.quoteReplacement("@" + host(matcher.group(1))));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
