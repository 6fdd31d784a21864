package org.c4tap.core.report;

import java.util.List;
import org.c4tap.core.scope.Part;

/** The fingerprints of every attachment of the reported mail. */
public record AttachmentList(List<Attachment> attachments) implements PartContent {

    public AttachmentList {
        attachments = List.copyOf(attachments);
    }

    @Override
    public Part part() {
        return Part.ATTACHMENTS;
    }
}
