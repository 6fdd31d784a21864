package org.c4tap.core.acceptance;

import org.c4tap.core.registry.Organisation;
import org.c4tap.core.report.Report;
import org.c4tap.core.smime.Opened;

/** A sealed report the council accepted: the report, its provider from the registry, and how it was sealed. */
public record Accepted(Report report, Organisation provider, Opened opened) {
}
