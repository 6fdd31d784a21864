package org.c4tap.core.message;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A multipart read by the boundary that our own header parser finds, so that what we analyse is what
 * we described: with a boundary parameter given twice the first counts (Jakarta Mail would take the
 * last), and when the declared boundary is missing, empty or never appears, the parts are found by
 * the first line that looks like a boundary, as mail clients do, and a defect says so.
 *
 * @param multipart the parts
 * @param defects   what was wrong with the boundary, in the order found
 */
public record MultipartReading(MimeMultipart multipart, List<Defect> defects) {

    /** What was wrong with a multipart's boundary. */
    public enum Defect {
        /** No boundary parameter, or an empty one. */
        BOUNDARY_MISSING("boundary_missing", "declares no boundary; its parts were found by the first line that looks like one"),
        /** The boundary parameter never appears as a delimiter line. */
        BOUNDARY_NOT_FOUND("boundary_not_found", "its declared boundary never appears; its parts were found by the first line that looks like one"),
        /** The boundary parameter is given more than once; readers may disagree on the parts. */
        DUPLICATE_BOUNDARY("duplicate_parameter", "declares its boundary more than once; the first was used");

        private final String key;
        private final String description;

        Defect(String key, String description) {
            this.key = key;
            this.description = description;
        }

        public String key() {
            return key;
        }

        public String description() {
            return description;
        }
    }

    public MultipartReading {
        defects = List.copyOf(defects);
    }

    /** Reads the multipart of a part parsed from bytes; a part built in memory is taken as it is. */
    public static MultipartReading of(MimePart part) throws MessagingException {
        if (!(part.getDataHandler().getDataSource() instanceof MimePartDataSource)) {
            return new MultipartReading(MimeParts.multipart(part), List.of());
        }
        ContentHeader header = ContentHeader.parse(part.getContentType());
        List<Defect> defects = new ArrayList<>();
        if (header.repeated("boundary")) {
            defects.add(Defect.DUPLICATE_BOUNDARY);
        }
        Optional<String> boundary = header.parameter("boundary").filter(value -> !value.isBlank());
        if (boundary.isPresent()) {
            MimeMultipart declared = new ScannedMultipart(typed(part, header.value() + "; boundary=\""
                    + boundary.get().replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
            try {
                declared.getCount();
                return new MultipartReading(declared, defects);
            } catch (MessagingException notFound) {
                defects.add(Defect.BOUNDARY_NOT_FOUND);
            }
        } else {
            defects.add(Defect.BOUNDARY_MISSING);
        }
        // without a boundary parameter, Jakarta Mail takes the first line starting with "--"
        MimeMultipart guessed = new ScannedMultipart(typed(part, header.value()));
        guessed.getCount();
        return new MultipartReading(guessed, defects);
    }

    private static MimePartDataSource typed(MimePart part, String contentType) {
        return new MimePartDataSource(part) {
            @Override
            public String getContentType() {
                return contentType;
            }
        };
    }
}
