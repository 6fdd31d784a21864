package org.c4tap.core.notice;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.pki.CertificateAuthority;
import org.c4tap.core.registry.DeliveryAddress;
import org.c4tap.core.registry.Organisation;
import org.c4tap.core.registry.Registry;
import org.c4tap.core.registry.Role;
import org.c4tap.core.registry.Sector;
import org.c4tap.core.report.ProviderName;
import org.c4tap.core.report.ProviderSector;
import org.c4tap.core.report.Report;
import org.c4tap.core.sample.Sample;
import org.c4tap.core.sample.SampleEntity;
import org.c4tap.core.sample.SampleParcel;
import org.c4tap.core.scope.Part;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.smime.OpenFailure;
import org.c4tap.core.smime.Opener;
import org.c4tap.core.smime.Sealer;
import org.c4tap.core.smime.SealingProfile;
import org.c4tap.core.testing.Mails;
import org.c4tap.core.testing.SampleReports;
import org.c4tap.core.testing.TestPki;
import org.junit.jupiter.api.Test;

class DistributorTest {

    private final CertificateAuthority.Issued council = TestPki.key("council");

    @Test
    void eachOrganisationGetsOneNoticeWithExactlyItsPartsEncryptedToItAlone() throws Exception {
        Organisation provider = organisation("bank-a", Role.PARTICIPANT, false, "bank");
        Organisation secretariat = organisation("secretariat", Role.SECRETARIAT, false, "nisc");
        Organisation participant = organisation("power-b", Role.PARTICIPANT, false, "power");
        Organisation observer = organisation("observer", Role.OBSERVER, true, "observer");
        Organisation pending = organisation("pending", Role.OBSERVER, false, "pending");
        Organisation publicList = organisation("public", Role.PUBLIC, false, "public");
        Registry registry = new Registry(List.of(provider, secretariat, participant, observer, pending, publicList));
        Report report = SampleReports.green();

        Distribution distribution = new Distributor(new Sealer(council.credential(), SealingProfile.STANDARD),
                "c4tap@council.example", List.of()).distribute(report, provider, registry);

        Map<String, Notice> notices = distribution.notices().stream()
                .collect(Collectors.toMap(notice -> notice.delivery().recipient().id(), notice -> notice));
        assertThat(notices).containsOnlyKeys("bank-a", "secretariat", "power-b", "observer");
        assertThat(distribution.skipped()).isEmpty();

        Report forBank = open(notices.get("bank-a"), "bank");
        assertThat(forBank.part(ProviderName.class).orElseThrow().organisationId()).isEqualTo("bank-a");
        Report forParticipant = open(notices.get("power-b"), "power");
        assertThat(forParticipant.parts().keySet()).containsExactlyInAnyOrder(Part.INDICATORS, Part.ATTACHMENTS, Part.SPAM,
                Part.HEADERS, Part.BODY, Part.PROVIDER_SECTOR);
        assertThat(forParticipant.part(ProviderSector.class).orElseThrow().sector()).isEqualTo("banking");
        Report forObserver = open(notices.get("observer"), "observer");
        assertThat(forObserver.parts().keySet()).containsExactlyInAnyOrder(Part.INDICATORS, Part.ATTACHMENTS, Part.SPAM);
        assertThat(Mails.bytes(notices.get("observer").sealed())).asString().doesNotContain("evil.example");

        MimeMessage forObserverOnly = Mails.reparse(notices.get("observer").sealed());
        assertThat(forObserverOnly.getHeader("To")[0]).isEqualTo("contact@observer.example");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        new Opener(TestPki.key("power").credential()).open(forObserverOnly))
                .isInstanceOfSatisfying(OpenFailure.class, e -> assertThat(e.reason()).isEqualTo(OpenFailure.Reason.NOT_FOR_US));
    }

    @Test
    void anAddressWithoutACertificateIsSkippedAndReported() throws Exception {
        Organisation provider = organisation("bank-a", Role.PARTICIPANT, false, "bank");
        Organisation noCertificate = new Organisation("analysts", "", "", Optional.empty(), Role.ANALYST, false, true, List.of(),
                List.of(new DeliveryAddress("analysts@analysis.example", List.of(), false)));
        Distribution distribution = new Distributor(new Sealer(council.credential(), SealingProfile.STANDARD),
                "c4tap@council.example", List.of()).distribute(SampleReports.green(), provider, new Registry(List.of(provider, noCertificate)));
        assertThat(distribution.notices()).extracting(notice -> notice.delivery().recipient().id()).containsExactly("bank-a");
        assertThat(distribution.skipped()).anySatisfy(line -> assertThat(line).contains("analysts"));
    }

    @Test
    void aRevokedRecipientCertificateIsNeverEncryptedToAndTheRecipientIsReported() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("Distributor CA", java.time.Duration.ofDays(30));
        CertificateAuthority.Issued good = ca.issue("soc", "Power B", List.of("soc@power-b.example"), java.time.Duration.ofDays(10));
        CertificateAuthority.Issued revoked = ca.issue("cert", "Observer", List.of("cert@observer.example"), java.time.Duration.ofDays(10));
        ca.revoke(revoked.certificate(), java.time.Instant.now().minusSeconds(5));
        var trust = new org.c4tap.core.trust.CertificateValidator(org.c4tap.core.trust.TrustSettings.anchoredAt(List.of(ca.certificate()))
                .withCrls(List.of(ca.crl(java.time.Instant.now().minusSeconds(1), java.time.Duration.ofDays(1)))));
        Organisation provider = organisation("bank-a", Role.PARTICIPANT, false, "bank");
        Organisation participant = new Organisation("power-b", "p", "p", Optional.of(Sector.ELECTRIC_POWER), Role.PARTICIPANT, false, true,
                List.of(), List.of(new DeliveryAddress("soc@power-b.example", List.of(good.certificate()), false)));
        Organisation observer = new Organisation("observer", "o", "o", Optional.empty(), Role.OBSERVER, true, true, List.of(),
                List.of(new DeliveryAddress("cert@observer.example", List.of(revoked.certificate()), false)));

        Distribution distribution = new Distributor(new Sealer(council.credential(), SealingProfile.STANDARD), "c4tap@council.example",
                List.of()).validatingRecipients(() -> trust)
                .distribute(SampleReports.green(), provider, new Registry(List.of(participant, observer)));

        assertThat(distribution.notices()).extracting(notice -> notice.delivery().recipient().id()).containsExactly("power-b");
        assertThat(distribution.skipped()).anySatisfy(line -> assertThat(line).contains("observer").contains("revoked"));
        assertThat(distribution.skipped()).anySatisfy(line -> assertThat(line).contains("observer: no address with a certificate"));
    }

    @Test
    void samplesReachTheActiveAnalystsAloneAndNotTheArchiveCertificate() throws Exception {
        Organisation provider = organisation("bank-a", Role.PARTICIPANT, false, "bank");
        Organisation secretariat = organisation("secretariat", Role.SECRETARIAT, false, "nisc");
        Organisation analysts = organisation("analysts", Role.ANALYST, false, "analysts");
        Organisation formerAnalysts = new Organisation("former", "f", "f", Optional.empty(), Role.ANALYST, false, false, List.of(),
                List.of(new DeliveryAddress("lab@former.example", List.of(TestPki.key("former").certificate()), false)));
        Organisation participant = organisation("power-b", Role.PARTICIPANT, false, "power");
        Registry registry = new Registry(List.of(provider, secretariat, analysts, formerAnalysts, participant));
        byte[] bytes = "MZ not really a program".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        SampleParcel parcel = SampleParcel.pack(SampleReports.green().id(), List.of(new Sample("invoice.exe", sha256, bytes)), List.of());

        SampleDistribution distribution = new Distributor(new Sealer(council.credential(), SealingProfile.STANDARD),
                "c4tap@council.example", List.of(TestPki.key("archive").certificate())).distributeSamples(parcel, registry);

        assertThat(distribution.skipped()).isEmpty();
        assertThat(distribution.notices()).singleElement().satisfies(notice -> {
            assertThat(notice.delivery().recipient().id()).isEqualTo("analysts");
            assertThat(notice.addresses()).containsExactly("contact@analysts.example");
        });
        MimeMessage sealed = Mails.reparse(distribution.notices().get(0).sealed());
        var opened = new Opener(TestPki.key("analysts").credential()).open(sealed);
        assertThat(Certificates.fingerprint(opened.signer())).isEqualTo(Certificates.fingerprint(council.certificate()));
        SampleParcel received = SampleEntity.parse(opened.content());
        assertThat(received.entries()).extracting(SampleParcel.Entry::sha256).containsExactly(sha256);
        assertThat(received.zip()).isEqualTo(parcel.zip());
        for (String other : List.of("archive", "nisc", "bank", "power", "former")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Opener(TestPki.key(other).credential()).open(sealed))
                    .as(other).isInstanceOfSatisfying(OpenFailure.class, e -> assertThat(e.reason()).isEqualTo(OpenFailure.Reason.NOT_FOR_US));
        }
    }

    @Test
    void samplesWithNoAnalystToReceiveThemAreReportedAsReachingNoOne() throws Exception {
        Organisation provider = organisation("bank-a", Role.PARTICIPANT, false, "bank");
        SampleParcel parcel = SampleParcel.pack(SampleReports.green().id(), List.of(), List.of());
        SampleDistribution distribution = new Distributor(new Sealer(council.credential(), SealingProfile.STANDARD),
                "c4tap@council.example", List.of()).distributeSamples(parcel, new Registry(List.of(provider)));
        assertThat(distribution.notices()).isEmpty();
        assertThat(distribution.skipped()).singleElement().asString().contains("no active analyst organisation");
    }

    @Test
    void theWhitePartsAlonePublishedClearSignedByTheCouncilAndNothingWhenNoneIsWhite() throws Exception {
        Organisation provider = organisation("bank-a", Role.PARTICIPANT, false, "bank");
        Distributor distributor = new Distributor(new Sealer(council.credential(), SealingProfile.STANDARD), "c4tap@council.example",
                List.of());
        List<String> publicList = List.of("advisories@public.example");

        assertThat(distributor.publish(SampleReports.green(), provider, publicList)).isEmpty();
        assertThat(distributor.publish(SampleReports.whiteIndicators(), provider, List.of())).isEmpty();
        Publication publication = distributor.publish(SampleReports.whiteIndicators(), provider, publicList).orElseThrow();

        assertThat(publication.parts()).containsExactlyInAnyOrder(Part.INDICATORS, Part.ATTACHMENTS);
        MimeMessage message = Mails.reparse(publication.signed());
        assertThat(message.getContentType()).startsWith("multipart/signed");
        assertThat(message.getSubject()).isEqualTo("C4TAP advisory " + SampleReports.green().id().value());
        assertThat(message.getHeader("To")).containsExactly("advisories@public.example");
        org.bouncycastle.mail.smime.SMIMESigned signed = new org.bouncycastle.mail.smime.SMIMESigned(
                (jakarta.mail.internet.MimeMultipart) message.getContent());
        org.bouncycastle.cms.SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        assertThat(signer.verify(new org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder().build(council.certificate())))
                .isTrue();
        Report published = ReportEntity.parse(signed.getContent());
        assertThat(published.parts().keySet()).containsExactlyInAnyOrder(Part.INDICATORS, Part.ATTACHMENTS);
        assertThat(published.id()).isEqualTo(SampleReports.green().id());
    }

    @Test
    void everyNoticeIsAlsoEncryptedToTheArchiveCertificateAndNoOneElse() throws Exception {
        Organisation provider = organisation("bank-a", Role.PARTICIPANT, false, "bank");
        Organisation participant = organisation("power-b", Role.PARTICIPANT, false, "power");
        Distribution distribution = new Distributor(new Sealer(council.credential(), SealingProfile.STANDARD), "c4tap@council.example",
                List.of(TestPki.key("archive").certificate())).distribute(SampleReports.green(), provider, new Registry(List.of(participant)));

        MimeMessage sealed = Mails.reparse(distribution.notices().get(0).sealed());
        assertThat(ReportEntity.parse(new Opener(TestPki.key("archive").credential()).open(sealed).content()).id())
                .isEqualTo(SampleReports.green().id());
        assertThat(ReportEntity.parse(new Opener(TestPki.key("power").credential()).open(sealed).content()).id())
                .isEqualTo(SampleReports.green().id());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Opener(TestPki.key("bank").credential()).open(sealed))
                .isInstanceOfSatisfying(OpenFailure.class, e -> assertThat(e.reason()).isEqualTo(OpenFailure.Reason.NOT_FOR_US));
    }

    @Test
    void gcmOnlyWhereEveryAddressOfTheOrganisationReadsIt() throws Exception {
        Organisation provider = organisation("bank-a", Role.PARTICIPANT, false, "bank");
        Organisation modern = new Organisation("modern", "m", "m", Optional.empty(), Role.PARTICIPANT, false, true, List.of(),
                List.of(new DeliveryAddress("soc@modern.example", List.of(TestPki.key("modern").certificate()), true)));
        Organisation mixed = new Organisation("mixed", "x", "x", Optional.empty(), Role.PARTICIPANT, false, true, List.of(),
                List.of(new DeliveryAddress("soc@mixed.example", List.of(TestPki.key("mixed").certificate()), true),
                        new DeliveryAddress("outlook@mixed.example", List.of(TestPki.key("mixed-outlook").certificate()), false)));
        Distribution distribution = new Distributor(new Sealer(council.credential(), SealingProfile.STANDARD), "c4tap@council.example",
                List.of()).distribute(SampleReports.green(), provider, new Registry(List.of(modern, mixed)));
        Map<String, Notice> notices = distribution.notices().stream()
                .collect(Collectors.toMap(notice -> notice.delivery().recipient().id(), notice -> notice));

        assertThat(new Opener(TestPki.key("modern").credential()).open(Mails.reparse(notices.get("modern").sealed())).encryption())
                .isEqualTo(SealingProfile.ContentEncryption.AES_256_GCM);
        assertThat(new Opener(TestPki.key("mixed-outlook").credential()).open(Mails.reparse(notices.get("mixed").sealed())).encryption())
                .isEqualTo(SealingProfile.ContentEncryption.AES_256_CBC);
    }

    private Report open(Notice notice, String key) throws Exception {
        var opened = new Opener(TestPki.key(key).credential()).open(Mails.reparse(notice.sealed()));
        assertThat(Certificates.fingerprint(opened.signer())).isEqualTo(Certificates.fingerprint(council.certificate()));
        return ReportEntity.parse(opened.content());
    }

    private static Organisation organisation(String id, Role role, boolean agreed, String key) {
        String address = "contact@" + key + ".example";
        return new Organisation(id, id, id, Optional.of(Sector.BANKING), role, agreed, true, List.of(),
                List.of(new DeliveryAddress(address, List.of(TestPki.key(key).certificate()), false)));
    }
}
