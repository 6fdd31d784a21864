package org.c4tap.core.submission;

import java.util.List;
import org.c4tap.core.report.Note;
import org.c4tap.core.scope.Part;

/** The note for content whose transfer encoding was damaged: kind {@code damaged_base64} or {@code damaged_quoted_printable}. */
final class TransferNotes {

    private TransferNotes() {
    }

    static void damaged(List<Note> notes, Part part, String where, String encoding, long repairs, String consequence) {
        if (repairs > 0) {
            notes.add(new Note(part, "damaged_" + encoding.replace('-', '_'), where + ": " + repairs + " malformed " + encoding
                    + " sequence(s) skipped; " + consequence));
        }
    }
}
