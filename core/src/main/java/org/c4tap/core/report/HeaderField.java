package org.c4tap.core.report;

/** One header field of the reported mail, unfolded and decoded for display. */
public record HeaderField(String name, String value) {
}
