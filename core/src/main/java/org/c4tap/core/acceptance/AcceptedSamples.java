package org.c4tap.core.acceptance;

import org.c4tap.core.registry.Organisation;
import org.c4tap.core.sample.SampleParcel;
import org.c4tap.core.smime.Opened;

/** A sealed sample parcel the council accepted: the parcel, its provider from the registry, and how it was sealed. */
public record AcceptedSamples(SampleParcel parcel, Organisation provider, Opened opened) {
}
