package org.c4tap.core.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.c4tap.core.registry.Organisation;
import org.c4tap.core.registry.Registry;
import org.c4tap.core.registry.Role;
import org.c4tap.core.registry.Sector;
import org.c4tap.core.report.BodyExcerpt;
import org.c4tap.core.report.PartContent;
import org.c4tap.core.report.ProviderName;
import org.c4tap.core.report.ProviderSector;
import org.c4tap.core.report.Report;
import org.c4tap.core.report.ReportId;
import org.c4tap.core.report.ReporterIdentity;
import org.c4tap.core.report.SpamAnalysis;
import org.c4tap.core.scope.Part;
import org.c4tap.core.scope.PartScopes;
import org.c4tap.core.scope.Scope;
import org.c4tap.core.scope.ScopeChoice;
import org.c4tap.core.testing.SampleReports;
import org.junit.jupiter.api.Test;

/**
 * Every combination of part scopes against every kind of recipient: no part reaches an
 * organisation outside its scope, and every allowed part reaches every allowed organisation.
 */
class AudienceTest {

    private static final String PROVIDER = "provider";

    /** The scope table of DOMAIN.md, written out independently of {@link Audience}. */
    private static boolean mayReceive(Organisation organisation, Scope scope) {
        if (!organisation.active()) {
            return false;
        }
        if (organisation.id().equals(PROVIDER)) {
            return true;
        }
        return switch (organisation.role()) {
            case SECRETARIAT, ANALYST -> true;
            case PARTICIPANT -> scope != Scope.RED;
            case OBSERVER -> organisation.agreedToRules() && (scope == Scope.YELLOW || scope == Scope.GREEN || scope == Scope.WHITE);
            case RELATED -> scope == Scope.GREEN || scope == Scope.WHITE;
            case PUBLIC -> scope == Scope.WHITE;
        };
    }

    @Test
    void everyCombinationOfPartScopesReachesExactlyTheAllowedOrganisations() {
        Registry registry = everyKindOfOrganisation();
        Report full = fullReport();
        Part[] parts = Part.values();
        Scope[] scopes = Scope.values();
        int combinations = (int) Math.pow(scopes.length, parts.length);
        int deliveries = 0;
        for (int combination = 0; combination < combinations; combination++) {
            Map<Part, Scope> labels = new EnumMap<>(Part.class);
            int rest = combination;
            for (Part part : parts) {
                labels.put(part, scopes[rest % scopes.length]);
                rest /= scopes.length;
            }
            Report report = new Report(full.id(), full.created(), full.choice(), PartScopes.of(labels), full.parts(), List.of());
            Map<String, Set<Part>> planned = new HashMap<>();
            for (Delivery delivery : Audience.plan(report, registry, PROVIDER)) {
                planned.put(delivery.recipient().id(), delivery.parts());
            }
            for (Organisation organisation : registry.organisations()) {
                Set<Part> allowed = EnumSet.noneOf(Part.class);
                for (Part part : parts) {
                    if (mayReceive(organisation, labels.get(part))) {
                        allowed.add(part);
                    }
                }
                Set<Part> substantive = EnumSet.noneOf(Part.class);
                substantive.addAll(allowed);
                substantive.removeAll(EnumSet.of(Part.PROVIDER_NAME, Part.PROVIDER_SECTOR));
                if (substantive.isEmpty()) {
                    assertThat(planned).as("%s with %s", organisation.id(), labels).doesNotContainKey(organisation.id());
                } else {
                    assertThat(planned.get(organisation.id())).as("%s with %s", organisation.id(), labels).isEqualTo(allowed);
                    deliveries++;
                }
            }
        }
        assertThat(combinations).isEqualTo(390_625);
        assertThat(deliveries).isPositive();
    }

    @Test
    void restrictingAReportKeepsOnlyWhatTheClearanceReaches() {
        Report report = SampleReports.green();
        for (Scope clearance : Scope.values()) {
            Report restricted = report.restrictTo(clearance);
            for (Part part : restricted.parts().keySet()) {
                assertThat(report.scopes().of(part).includes(clearance)).isTrue();
            }
            for (Part part : report.parts().keySet()) {
                if (report.scopes().of(part).includes(clearance)) {
                    assertThat(restricted.parts()).containsKey(part);
                }
            }
        }
    }

    @Test
    void clearanceFollowsTheTable() {
        assertThat(Audience.clearance(organisation("x", Role.PARTICIPANT, false, true), PROVIDER)).contains(Scope.AMBER);
        assertThat(Audience.clearance(organisation("x", Role.OBSERVER, false, true), PROVIDER)).isEmpty();
        assertThat(Audience.clearance(organisation("x", Role.OBSERVER, true, true), PROVIDER)).contains(Scope.YELLOW);
        assertThat(Audience.clearance(organisation(PROVIDER, Role.PARTICIPANT, false, true), PROVIDER)).contains(Scope.RED);
        assertThat(Audience.clearance(organisation("x", Role.SECRETARIAT, false, false), PROVIDER)).isEmpty();
        assertThat(Audience.clearance(organisation("x", Role.PUBLIC, false, true), PROVIDER)).contains(Scope.WHITE);
    }

    private static Registry everyKindOfOrganisation() {
        List<Organisation> organisations = new ArrayList<>();
        organisations.add(organisation(PROVIDER, Role.PARTICIPANT, false, true));
        for (Role role : Role.values()) {
            for (boolean agreed : new boolean[] {false, true}) {
                for (boolean active : new boolean[] {false, true}) {
                    organisations.add(organisation(role.key() + "-" + agreed + "-" + active, role, agreed, active));
                }
            }
        }
        return new Registry(organisations);
    }

    private static Organisation organisation(String id, Role role, boolean agreed, boolean active) {
        return new Organisation(id, id, id, Optional.of(Sector.BANKING), role, agreed, active, List.of(), List.of());
    }

    private static Report fullReport() {
        Report sample = SampleReports.green();
        Map<Part, PartContent> parts = new EnumMap<>(Part.class);
        parts.putAll(sample.parts());
        parts.put(Part.BODY, new BodyExcerpt("body", false));
        parts.put(Part.SPAM, SpamAnalysis.notChecked());
        parts.put(Part.REPORTER, new ReporterIdentity("taro@bank.example"));
        parts.put(Part.PROVIDER_NAME, new ProviderName(PROVIDER, "提供者", "Provider"));
        parts.put(Part.PROVIDER_SECTOR, new ProviderSector("banking"));
        assertThat(parts).hasSize(Part.values().length);
        return new Report(new ReportId("C4TAP-20261126-ABCDEFGHJK"), Instant.EPOCH,
                new ScopeChoice(Scope.RED, ScopeChoice.Origin.CONFIGURED_DEFAULT), PartScopes.all(Scope.RED), parts, List.of());
    }
}
