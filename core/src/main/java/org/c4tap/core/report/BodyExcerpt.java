package org.c4tap.core.report;

import org.c4tap.core.scope.Part;

/** The beginning of the reported mail's text, with a flag when it was cut. */
public record BodyExcerpt(String text, boolean truncated) implements PartContent {

    public BodyExcerpt {
        text = text == null ? "" : text;
    }

    @Override
    public Part part() {
        return Part.BODY;
    }
}
