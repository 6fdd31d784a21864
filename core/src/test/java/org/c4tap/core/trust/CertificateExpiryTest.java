package org.c4tap.core.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.c4tap.core.pki.CertificateAuthority;
import org.c4tap.core.pki.IssueOptions;
import org.c4tap.core.pki.KeyType;
import org.c4tap.core.pki.Validity;
import org.c4tap.core.smime.Certificates;
import org.junit.jupiter.api.Test;

class CertificateExpiryTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final CertificateAuthority CA = ca();

    private static final X509Certificate EXPIRED = endingAt(NOW.minus(Duration.ofDays(2)));
    private static final X509Certificate IN_TEN_DAYS = endingAt(NOW.plus(Duration.ofDays(10)).plus(Duration.ofHours(5)));
    private static final X509Certificate IN_THIRTY_DAYS = endingAt(NOW.plus(Duration.ofDays(30)));
    private static final X509Certificate IN_THIRTY_ONE_DAYS = endingAt(NOW.plus(Duration.ofDays(31)));
    private static final X509Certificate IN_A_YEAR = endingAt(NOW.plus(Duration.ofDays(365)));

    @Test
    void theDefaultWindowIsThirtyDaysAndTheExpiredComeFirst() {
        Map<String, X509Certificate> certificates = new LinkedHashMap<>();
        certificates.put("archive", IN_A_YEAR);
        certificates.put("council", IN_THIRTY_DAYS);
        certificates.put("operator", IN_TEN_DAYS);
        certificates.put("observer", IN_THIRTY_ONE_DAYS);
        certificates.put("power-b", EXPIRED);

        List<ExpiryWarning> warnings = new CertificateExpiry(CLOCK).check(certificates);

        assertThat(warnings).containsExactly(
                new ExpiryWarning.Expired("power-b", EXPIRED, NOW.minus(Duration.ofDays(2))),
                new ExpiryWarning.Expiring("operator", IN_TEN_DAYS, NOW.plus(Duration.ofDays(10)).plus(Duration.ofHours(5)),
                        Duration.ofDays(10).plus(Duration.ofHours(5))),
                new ExpiryWarning.Expiring("council", IN_THIRTY_DAYS, NOW.plus(Duration.ofDays(30)), Duration.ofDays(30)));
    }

    @Test
    void theWindowIsASetting() {
        List<ExpiryWarning> warnings = new CertificateExpiry(Duration.ofDays(7), CLOCK)
                .check(Map.of("operator", IN_TEN_DAYS, "power-b", EXPIRED));

        assertThat(warnings).extracting(ExpiryWarning::name).containsExactly("power-b");
    }

    @Test
    void nothingToSayAboutFreshCertificates() {
        assertThat(new CertificateExpiry(CLOCK).check(Map.of("archive", IN_A_YEAR, "observer", IN_THIRTY_ONE_DAYS))).isEmpty();
    }

    @Test
    void theSameCertificateUnderTwoNamesIsReportedForEach() {
        List<ExpiryWarning> warnings = new CertificateExpiry(CLOCK).check(Map.of("signing", IN_TEN_DAYS, "decryption", IN_TEN_DAYS));

        assertThat(warnings).extracting(ExpiryWarning::name).containsExactly("decryption", "signing");
    }

    @Test
    void messagesNameTheCertificateAndTheTime() {
        List<ExpiryWarning> warnings = new CertificateExpiry(CLOCK).check(Map.of("operator", IN_TEN_DAYS, "power-b", EXPIRED));

        assertThat(warnings).extracting(ExpiryWarning::message).containsExactly(
                "certificate 'power-b' " + Certificates.describe(EXPIRED) + " EXPIRED at " + NOW.minus(Duration.ofDays(2)),
                "certificate 'operator' " + Certificates.describe(IN_TEN_DAYS) + " expires in 10 days, at "
                        + NOW.plus(Duration.ofDays(10)).plus(Duration.ofHours(5)));
    }

    @Test
    void aNegativeWindowIsAMistake() {
        assertThatThrownBy(() -> new CertificateExpiry(Duration.ofDays(-1), CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the warning window must not be negative: PT-24H");
    }

    private static X509Certificate endingAt(Instant notAfter) {
        try {
            return CA.issue("Expiry " + notAfter, "Test", List.of("expiry@example.org"),
                    IssueOptions.of(KeyType.EC_P256, Duration.ofDays(1)).withValidity(new Validity(notAfter.minus(Duration.ofDays(400)), notAfter)))
                    .certificate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CertificateAuthority ca() {
        try {
            return CertificateAuthority.create("Expiry Test Root", KeyType.EC_P256, Validity.fromNow(Duration.ofDays(1)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
