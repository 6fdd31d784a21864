package org.c4tap.core.submission;

import java.util.List;
import org.c4tap.core.report.Note;

/**
 * What a submission held: the reported mails found in it (empty when none could be recognised), and
 * what could not be read of the submission itself.
 */
public record Reading(List<ReportedMessage> messages, List<Note> notes) {

    public Reading {
        messages = List.copyOf(messages);
        notes = List.copyOf(notes);
    }
}
