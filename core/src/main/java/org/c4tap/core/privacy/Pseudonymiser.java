package org.c4tap.core.privacy;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.c4tap.core.indicator.UrlIndicator;
import org.c4tap.core.report.AuthenticationVerdict;
import org.c4tap.core.report.BodyExcerpt;
import org.c4tap.core.report.HeaderField;
import org.c4tap.core.report.Indicators;
import org.c4tap.core.report.OriginalHeaders;
import org.c4tap.core.report.PartContent;
import org.c4tap.core.report.ReceivedHop;
import org.c4tap.core.report.Report;
import org.c4tap.core.report.ReporterIdentity;
import org.c4tap.core.scope.Scope;

/**
 * Replaces the operator's internal addresses and host names by pseudonyms in every part of a report
 * whose scope is wider than RED, and drops indicators that only name the operator's own domains
 * (a spoofed internal sender's domain, a link to the operator's own site). RED parts reach only the
 * provider, the secretariat and the analysts, who may know the victim; wider audiences may not.
 */
public final class Pseudonymiser {

    private static final Set<String> ADDRESS_FIELDS = Set.of("from", "to", "cc", "bcc", "sender", "reply-to", "return-path",
            "delivered-to", "x-original-to", "resent-from", "resent-to", "resent-cc", "resent-sender", "disposition-notification-to");

    private Pseudonymiser() {
    }

    public static Report apply(Report report, Pseudonyms pseudonyms) {
        Report result = report;
        for (PartContent content : report.parts().values()) {
            if (report.scopes().of(content.part()) == Scope.RED) {
                continue;
            }
            PartContent replaced = switch (content) {
                case OriginalHeaders headers -> headers(headers, pseudonyms);
                case BodyExcerpt body -> new BodyExcerpt(pseudonyms.replaceIn(body.text()), body.truncated());
                case Indicators indicators -> new Indicators(
                        indicators.urls().stream().filter(url -> !pseudonyms.isInternalHost(url.host()))
                                .map(url -> url(url, pseudonyms)).toList(),
                        indicators.domains().stream().filter(domain -> !pseudonyms.isInternalHost(domain)).toList(),
                        indicators.ipv4(), indicators.ipv6(),
                        indicators.emails().stream().map(pseudonyms::replaceIn).distinct().toList());
                case ReporterIdentity reporter -> new ReporterIdentity(pseudonyms.replaceIn(reporter.address()));
                default -> content;
            };
            if (replaced != content) {
                result = result.with(replaced);
            }
        }
        return result;
    }

    /** A link to the attacker's site may still carry the victim's address (a personalised link). */
    private static UrlIndicator url(UrlIndicator url, Pseudonyms pseudonyms) {
        String address = pseudonyms.replaceIn(url.url());
        String text = pseudonyms.replaceIn(url.text());
        return address.equals(url.url()) && text.equals(url.text()) ? url
                : new UrlIndicator(address, url.host(), text, url.deceptive(), url.refanged());
    }

    private static OriginalHeaders headers(OriginalHeaders headers, Pseudonyms pseudonyms) {
        List<HeaderField> fields = headers.fields().stream()
                .map(field -> new HeaderField(field.name(), ADDRESS_FIELDS.contains(field.name().toLowerCase(Locale.ROOT))
                        ? pseudonyms.replaceMailboxes(field.value()) : pseudonyms.replaceIn(field.value())))
                .toList();
        List<ReceivedHop> received = headers.received().stream()
                .map(hop -> new ReceivedHop(pseudonyms.replaceIn(hop.from()), pseudonyms.replaceIn(hop.by()), hop.ip(), hop.with(),
                        hop.time()))
                .toList();
        List<AuthenticationVerdict> authentication = headers.authentication().stream()
                .map(verdict -> new AuthenticationVerdict(pseudonyms.replaceIn(verdict.server()), verdict.method(), verdict.result(),
                        pseudonyms.replaceIn(verdict.properties())))
                .toList();
        return new OriginalHeaders(pseudonyms.replaceIn(headers.subject()), pseudonyms.replaceMailboxes(headers.from()),
                pseudonyms.replaceMailboxes(headers.sender()), headers.to().stream().map(pseudonyms::replaceMailboxes).toList(),
                headers.cc().stream().map(pseudonyms::replaceMailboxes).toList(), pseudonyms.replaceMailboxes(headers.replyTo()),
                pseudonyms.replaceMailboxes(headers.returnPath()), headers.date(), headers.messageId(), headers.mailer(),
                headers.originatingIp(), received, authentication, fields);
    }
}
