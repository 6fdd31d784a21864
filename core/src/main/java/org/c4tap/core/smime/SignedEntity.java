package org.c4tap.core.smime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The multipart/signed entity of RFC 8551 (section 3.5.3), written from the exact bytes that were
 * signed, and the canonical form those bytes must have. We write it ourselves rather than through
 * BouncyCastle's S/MIME generator, which canonicalises and digests the content one byte at a time
 * through two streams: that alone took a third of the time of sealing a 200 KB report. The layout
 * is the generator's: the signed entity, then {@code smime.p7s}, base64 in lines of 76.
 */
final class SignedEntity {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] CRLF = {'\r', '\n'};

    private SignedEntity() {
    }

    /**
     * The entity as a MIME part (its Content-Type header, a blank line, the multipart body).
     *
     * @param content   the signed entity, in canonical form (see {@link #canonical})
     * @param signature the detached CMS SignedData over exactly {@code content}
     */
    static byte[] write(byte[] content, byte[] signature) {
        String boundary = boundary();
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + signature.length * 4 / 3 + 1024);
        ascii(out, "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256; \r\n\tboundary=\""
                + boundary + "\"\r\n\r\n");
        ascii(out, "--" + boundary + "\r\n");
        out.writeBytes(content);
        ascii(out, "\r\n--" + boundary + "\r\n");
        ascii(out, "Content-Type: application/pkcs7-signature; name=smime.p7s; smime-type=signed-data\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"smime.p7s\"\r\n"
                + "Content-Description: S/MIME Cryptographic Signature\r\n\r\n");
        out.writeBytes(Base64.getMimeEncoder(76, CRLF).encode(signature));
        ascii(out, "\r\n--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    /**
     * The canonical form of a MIME entity for signing (RFC 8551 section 3.1.1), as BouncyCastle's
     * {@code CRLFOutputStream} makes it: every line ends in CRLF, so a bare LF and a lone CR each
     * become CRLF. Bytes already canonical come back as they are, not copied.
     */
    static byte[] canonical(byte[] entity) {
        int extra = 0;
        for (int i = 0; i < entity.length; i++) {
            byte b = entity[i];
            if (b == '\r' && (i + 1 == entity.length || entity[i + 1] != '\n') || b == '\n' && (i == 0 || entity[i - 1] != '\r')) {
                extra++;
            }
        }
        if (extra == 0) {
            return entity;
        }
        byte[] out = new byte[entity.length + extra];
        int j = 0;
        for (int i = 0; i < entity.length; i++) {
            byte b = entity[i];
            if (b == '\r') {
                out[j++] = '\r';
                out[j++] = '\n';
                if (i + 1 < entity.length && entity[i + 1] == '\n') {
                    i++;
                }
            } else if (b == '\n') {
                out[j++] = '\r';
                out[j++] = '\n';
            } else {
                out[j++] = b;
            }
        }
        return out;
    }

    /**
     * 128 random bits: no text can contain a boundary that did not exist when it was written (the
     * way Jakarta Mail makes its boundaries, and cheaper than searching 200 KB for each one).
     */
    private static String boundary() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return "----=_c4tap_signed_" + HexFormat.of().formatHex(random);
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
