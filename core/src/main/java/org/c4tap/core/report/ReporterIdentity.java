package org.c4tap.core.report;

import org.c4tap.core.scope.Part;

/** The employee who forwarded the mail. RED unless the operator configures otherwise. */
public record ReporterIdentity(String address) implements PartContent {

    public ReporterIdentity {
        address = address == null ? "" : address;
    }

    @Override
    public Part part() {
        return Part.REPORTER;
    }
}
