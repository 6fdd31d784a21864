package org.c4tap.core.outlook;

import java.util.ArrayList;
import java.util.List;

/**
 * The reading of one message: the limits, the budget shared by the whole file, and the notes of
 * this message. An attached message gets a scope of its own notes over the same budget.
 */
record ReadScope(OutlookLimits limits, ReadBudget budget, List<OutlookNote> notes) {

    ReadScope forAttachedMessage() {
        return new ReadScope(limits, budget, new ArrayList<>());
    }

    void note(OutlookNote.Kind kind, String detail) {
        notes.add(new OutlookNote(kind, detail));
    }
}
