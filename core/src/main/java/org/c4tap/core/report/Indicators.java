package org.c4tap.core.report;

import java.util.List;
import org.c4tap.core.indicator.UrlIndicator;
import org.c4tap.core.scope.Part;

/** Indicators found in the reported mail: URLs and the domains they name. */
public record Indicators(List<UrlIndicator> urls, List<String> domains) implements PartContent {

    public Indicators {
        urls = List.copyOf(urls);
        domains = List.copyOf(domains);
    }

    @Override
    public Part part() {
        return Part.INDICATORS;
    }
}
