package org.c4tap.core.sample;

import java.util.List;

/** The samples kept from one reported mail, and what was left out and why. */
public record Samples(List<Sample> kept, List<String> omitted) {

    /** Nothing kept: what every reading gives when the operator does not send samples. */
    public static final Samples NONE = new Samples(List.of(), List.of());

    public Samples {
        kept = List.copyOf(kept);
        omitted = List.copyOf(omitted);
    }

    public boolean isEmpty() {
        return kept.isEmpty() && omitted.isEmpty();
    }
}
