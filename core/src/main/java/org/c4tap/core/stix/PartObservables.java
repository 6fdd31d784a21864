package org.c4tap.core.stix;

import java.util.ArrayList;
import java.util.List;
import org.c4tap.core.report.AttachmentList;
import org.c4tap.core.report.BodyExcerpt;
import org.c4tap.core.report.Indicators;
import org.c4tap.core.report.OriginalHeaders;
import org.c4tap.core.report.PartContent;
import org.c4tap.core.report.ProviderName;
import org.c4tap.core.report.ProviderSector;
import org.c4tap.core.report.ReporterIdentity;
import org.c4tap.core.report.SpamAnalysis;

/**
 * What each kind of report part becomes in STIX: the cyber-observables that part alone shows.
 * A new kind of part fails to compile here until someone decides what it becomes.
 */
final class PartObservables {

    private PartObservables() {
    }

    static List<Observable> of(PartContent content) {
        return switch (content) {
            case OriginalHeaders headers -> headers(headers);
            case AttachmentList list -> list.attachments().stream().<Observable>map(FileObject::of).toList();
            case Indicators indicators -> indicators(indicators);
            // The excerpt is cut, and an email-message's body contributes to its identifier: the
            // same mail would be named differently for readers with and without the body part.
            case BodyExcerpt body -> List.of();
            // A mail filter's verdict on the mail is not an observation of the attack.
            case SpamAnalysis spam -> List.of();
            // Who reported and who provided are the victim's side, not threat intelligence: they
            // stay in the C⁴TAP report, where their narrow scopes are the whole point.
            case ReporterIdentity reporter -> List.of();
            case ProviderName name -> List.of();
            case ProviderSector sector -> List.of();
        };
    }

    private static List<Observable> headers(OriginalHeaders headers) {
        EmailMessage message = EmailMessage.of(headers);
        List<Observable> observables = new ArrayList<>();
        observables.add(message);
        observables.addAll(message.addresses());
        return observables;
    }

    private static List<Observable> indicators(Indicators indicators) {
        List<Observable> observables = new ArrayList<>();
        indicators.urls().forEach(url -> observables.add(new NetworkValue(NetworkValue.Kind.URL, url.url())));
        indicators.domains().forEach(domain -> observables.add(new NetworkValue(NetworkValue.Kind.DOMAIN_NAME, domain)));
        indicators.ipv4().forEach(ip -> observables.add(new NetworkValue(NetworkValue.Kind.IPV4_ADDR, ip)));
        indicators.ipv6().forEach(ip -> observables.add(new NetworkValue(NetworkValue.Kind.IPV6_ADDR, ip)));
        indicators.emails().forEach(address -> observables.add(EmailAddress.of(address)));
        return observables;
    }
}
