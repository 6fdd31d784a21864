package org.c4tap.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.c4tap.core.registry.DeliveryAddress;
import org.c4tap.core.registry.Organisation;
import org.c4tap.core.registry.Registry;
import org.c4tap.core.registry.Role;
import org.c4tap.core.testing.TestPki;
import org.junit.jupiter.api.Test;

/** What the council's expiry watch looks at: every certificate of the registry, none hiding another. */
class OpenReportCertificatesTest {

    @Test
    void bothCertificatesOfAHolderInARolloverAreWatched() {
        X509Certificate old = TestPki.key("operator").certificate();
        X509Certificate next = TestPki.key("power").certificate();
        Organisation bank = new Organisation("bank-a", "みらい銀行", "Mirai Bank", Optional.empty(), Role.PARTICIPANT, false, true,
                List.of(old, next), List.of(new DeliveryAddress("c4tap@bank-a.example", List.of(old, next), false)));

        var watched = OpenReport.certificatesInUse(TestPki.key("council").certificate(), new Registry(List.of(bank)));

        assertThat(watched.values()).containsExactly(TestPki.key("council").certificate(), old, next, old, next);
        assertThat(watched.keySet()).anySatisfy(name -> assertThat(name).startsWith("gateway certificate of bank-a (serial "))
                .anySatisfy(name -> assertThat(name).startsWith("certificate of c4tap@bank-a.example (serial "));
    }
}
