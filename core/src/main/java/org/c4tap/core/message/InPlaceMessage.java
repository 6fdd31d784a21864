package org.c4tap.core.message;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.SharedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;

/**
 * An attached message (message/rfc822, a saved .eml) parsed where it lies, over the bytes of the
 * mail that carries it, instead of from a copy of them: a forward of a 70 MB mail then holds those
 * 70 MB once, not twice. That is possible when the part is not transfer-encoded (RFC 2046 allows
 * message/rfc822 only 7bit, 8bit or binary), its bytes are shared (the carrier was parsed from a
 * {@link SharedInputStream}, as James and {@link MimeParts#parse} do), and they need none of the
 * repairs of {@link MessageBytes}: then parsing in place gives exactly what parsing a copy would.
 * In every other case the caller reads the bytes and repairs them as before.
 */
public final class InPlaceMessage {

    private static final Set<String> IDENTITY = Set.of("7bit", "8bit", "binary");
    private static final int HEAD = 80;

    private InPlaceMessage() {
    }

    /**
     * The message in {@code part}, parsed over the carrier's bytes; empty when it cannot be (see
     * above) or when it is larger than {@code maxBytes}.
     */
    public static Optional<MimeMessage> parse(MimePart part, long maxBytes) {
        if (!(part instanceof MimeBodyPart body) || !IDENTITY.contains(TransferDecoding.encoding(part))) {
            return Optional.empty();
        }
        try (InputStream raw = body.getRawInputStream()) {
            if (!(raw instanceof SharedInputStream shared) || !parsesAsIs(raw, maxBytes)) {
                return Optional.empty();
            }
            return Optional.of(new MimeMessage(MimeParts.session(), shared.newStream(0, -1)));
        } catch (MessagingException | IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether there are at most {@code maxBytes} bytes, starting with a header field, with no
     * byte-order mark and no bare LF (an Outlook file, for one, does not start so): one pass,
     * nothing kept.
     */
    private static boolean parsesAsIs(InputStream raw, long maxBytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        int read = raw.readNBytes(buffer, 0, buffer.length);
        byte[] head = java.util.Arrays.copyOf(buffer, Math.min(read, HEAD));
        if (!MessageBytes.looksLikeMessage(head) || MessageBytes.normalise(head) != head) {
            return false;
        }
        byte previous = 0;
        long total = 0;
        while (read > 0) {
            total += read;
            if (total > maxBytes) {
                return false;
            }
            for (int i = 0; i < read; i++) {
                if (buffer[i] == '\n' && previous != '\r') {
                    return false;
                }
                previous = buffer[i];
            }
            read = raw.read(buffer);
        }
        return true;
    }
}
