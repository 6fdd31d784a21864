package org.c4tap.matchers;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.ParseException;
import java.util.Locale;

/** Recognises S/MIME encrypted entities by their Content-Type alone, without decoding anything. */
final class SmimeContentType {

    private SmimeContentType() {
    }

    static boolean isEncrypted(MimeMessage message) throws MessagingException {
        String header = message.getContentType();
        if (header == null) {
            return false;
        }
        ContentType type;
        try {
            type = new ContentType(header);
        } catch (ParseException e) {
            return false;
        }
        String base = type.getBaseType().toLowerCase(Locale.ROOT);
        if (!base.equals("application/pkcs7-mime") && !base.equals("application/x-pkcs7-mime")) {
            return false;
        }
        String smimeType = type.getParameter("smime-type");
        return smimeType == null
                || smimeType.equalsIgnoreCase("enveloped-data")
                || smimeType.equalsIgnoreCase("authEnveloped-data");
    }
}
