package org.c4tap.core.submission;

import jakarta.mail.internet.MimePart;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.c4tap.core.fingerprint.Fingerprinted;
import org.c4tap.core.fingerprint.Fingerprinter;
import org.c4tap.core.inspection.Inspection;
import org.c4tap.core.inspection.InspectionNote;
import org.c4tap.core.inspection.Inspector;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.message.TransferDecoding;
import org.c4tap.core.outlook.OutlookAttachment;
import org.c4tap.core.outlook.TnefContents;
import org.c4tap.core.outlook.TnefReader;
import org.c4tap.core.report.Attachment;
import org.c4tap.core.report.Note;
import org.c4tap.core.sample.SampleShelf;
import org.c4tap.core.scope.Part;

/**
 * Reduces an attachment to what may be shared about it: its decoded name and types, and the
 * fingerprint of its decoded bytes, computed in one streaming pass. The bytes are kept only as long
 * as inspecting them takes, and leave this class only onto a {@link SampleShelf} that keeps them,
 * where the operator sends samples.
 */
final class AttachmentReader {

    /** From this estimated size on, a copy trimmed to size would cost more than decoding twice. */
    private static final long EXACT_SIZE_FROM = 8L * 1024 * 1024;

    private final ReadLimits limits;
    private final TnefReader tnef;
    private final Inspector inspector;

    AttachmentReader(ReadLimits limits) {
        this.limits = limits;
        this.tnef = new TnefReader(limits.outlook());
        this.inspector = new Inspector(limits.archives());
    }

    /**
     * Reads a MIME part; a TNEF wrapper (winmail.dat, which Outlook sends to some recipients) is
     * fingerprinted itself and opened, each file inside it fingerprinted as {@code <path>.tnef.N}.
     */
    List<Attachment> readAll(MimePart part, String path, List<Note> notes, SampleShelf shelf) throws IOException {
        String type = MimeParts.baseType(part);
        String filename = MimeParts.filename(part).toLowerCase(java.util.Locale.ROOT);
        if (!type.equals("application/ms-tnef") && !type.equals("application/vnd.ms-tnef") && !filename.equals("winmail.dat")) {
            return List.of(read(part, path, notes, shelf));
        }
        byte[] bytes;
        try (TransferDecoding.Decoded decoded = TransferDecoding.open(part)) {
            bytes = decoded.stream().readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limits.maxMessageBytes()));
        } catch (jakarta.mail.MessagingException e) {
            throw new IOException("the part cannot be read", e);
        }
        List<Attachment> found = new java.util.ArrayList<>();
        found.add(read(bytes, MimeParts.filename(part), type, path, notes, shelf));
        TnefContents contents = tnef.read(bytes);
        contents.notes().forEach(note -> notes.add(new Note(Part.ATTACHMENTS, note.kind().code(), "part " + path + ": " + note.detail())));
        int index = 1;
        for (OutlookAttachment.File file : contents.attachments()) {
            found.add(read(file.content(), file.filename(), file.mimeType().isEmpty() ? "application/octet-stream" : file.mimeType(),
                    path + ".tnef." + index++, notes, shelf));
        }
        return found;
    }

    /** Reads a MIME part's decoded content. */
    Attachment read(MimePart part, String path, List<Note> notes, SampleShelf shelf) throws IOException {
        String filename = MimeParts.filename(part);
        String declared = MimeParts.baseType(part);
        Fingerprinted fingerprinted;
        try (TransferDecoding.Decoded decoded = TransferDecoding.open(part)) {
            fingerprinted = Fingerprinter.of(decoded.stream(), expectedSize(part), limits.maxInspectedBytes());
            TransferNotes.damaged(notes, Part.ATTACHMENTS, "part " + path, decoded.encoding(), decoded.stream().repairs(),
                    "the fingerprint is of the bytes as decoded");
        } catch (jakarta.mail.MessagingException e) {
            throw new IOException("the part cannot be read", e);
        }
        return attachment(filename, declared, path, fingerprinted, notes, shelf);
    }

    /**
     * The decoded size to expect, for sizing the copy kept for inspection. Estimated from the
     * encoded size, except for a large part that may be kept: that one is decoded once more to
     * learn its exact size, so that its one copy is allocated at that size rather than trimmed from
     * an estimate (which would briefly hold it twice: 100 MB for a 50 MB attachment).
     */
    private long expectedSize(MimePart part) throws jakarta.mail.MessagingException, IOException {
        long encoded = MimeParts.size(part);
        long estimate = TransferDecoding.encoding(part).equals("base64") ? encoded * 3 / 4 + 4 : encoded;
        // base64 line ends make the estimate up to 1/39 too large
        if (estimate < EXACT_SIZE_FROM || estimate - estimate / 16 > limits.maxInspectedBytes()) {
            return estimate;
        }
        return TransferDecoding.decodedSize(part);
    }

    /** Reads bytes that came out of a container (an Outlook message, a TNEF wrapper). */
    Attachment read(byte[] content, String filename, String declaredType, String path, List<Note> notes, SampleShelf shelf)
            throws IOException {
        Fingerprinted fingerprinted = Fingerprinter.of(content, limits.maxInspectedBytes());
        return attachment(filename, declaredType, path, fingerprinted, notes, shelf);
    }

    private Attachment attachment(String filename, String declaredType, String path, Fingerprinted fingerprinted, List<Note> notes,
                                  SampleShelf shelf) {
        if (fingerprinted.content().isEmpty()) {
            shelf.omit(fingerprinted.fingerprint().sha256(), "larger than " + limits.maxInspectedBytes() + " bytes (maxInspectedBytes)");
            notes.add(new Note(Part.ATTACHMENTS, "not_inspected", "part " + path + " is larger than "
                    + limits.maxInspectedBytes() + " bytes; it was hashed but not inspected"));
            return new Attachment(filename, declaredType, path, fingerprinted.fingerprint());
        }
        shelf.offer(filename, fingerprinted.fingerprint().sha256(), fingerprinted.content().get());
        Inspection inspection = inspector.inspect(fingerprinted.content().get(), filename, declaredType);
        for (InspectionNote note : inspection.notes()) {
            notes.add(new Note(Part.ATTACHMENTS, note.kind().key(), "part " + path + ": " + note.detail()));
        }
        return new Attachment(filename, declaredType, path, fingerprinted.fingerprint(), inspection.detectedType(),
                inspection.flags(), inspection.archive());
    }

}
