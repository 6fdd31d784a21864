package org.c4tap.core.report;

import org.c4tap.core.scope.Part;

/** Which organisation provided the report. The council fills it from its registry, never from the report. */
public record ProviderName(String organisationId, String nameJa, String nameEn) implements PartContent {

    @Override
    public Part part() {
        return Part.PROVIDER_NAME;
    }
}
