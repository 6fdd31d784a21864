package org.c4tap.core.report;

import java.util.List;
import org.c4tap.core.indicator.UrlIndicator;
import org.c4tap.core.scope.Part;

/**
 * Indicators found in the reported mail: URLs, the domains they and the sender addresses name, IP
 * addresses, and e-mail addresses. Real values, never defanged; renderings for people defang them.
 */
public record Indicators(List<UrlIndicator> urls, List<String> domains, List<String> ipv4, List<String> ipv6,
                         List<String> emails) implements PartContent {

    public Indicators {
        urls = List.copyOf(urls);
        domains = List.copyOf(domains);
        ipv4 = List.copyOf(ipv4);
        ipv6 = List.copyOf(ipv6);
        emails = List.copyOf(emails);
    }

    public Indicators(List<UrlIndicator> urls, List<String> domains) {
        this(urls, domains, List.of(), List.of(), List.of());
    }

    @Override
    public Part part() {
        return Part.INDICATORS;
    }
}
