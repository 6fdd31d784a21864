package org.c4tap.core.report;

import org.c4tap.core.scope.Part;

/** The providing organisation's sector, so wider audiences learn "a bank reported…" without learning which. */
public record ProviderSector(String sector) implements PartContent {

    @Override
    public Part part() {
        return Part.PROVIDER_SECTOR;
    }
}
