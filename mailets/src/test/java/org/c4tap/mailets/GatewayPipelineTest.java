package org.c4tap.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.report.AttachmentList;
import org.c4tap.core.report.ProviderName;
import org.c4tap.core.report.Report;
import org.c4tap.core.sample.SampleEntity;
import org.c4tap.core.sample.SampleParcel;
import org.c4tap.core.scope.Part;
import org.c4tap.core.scope.Scope;
import org.c4tap.core.smime.Opener;
import org.c4tap.core.testing.Mails;
import org.c4tap.core.testing.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's and the council's mailets in the order the configuration runs them, on James's
 * mailet test doubles: a submission goes in, sealed notices come out.
 */
class GatewayPipelineTest {

    @TempDir
    Path directory;

    private GatewayFiles files;
    private FakeMailContext operatorContext;
    private FakeMailContext councilContext;
    private byte[] attachment;

    @BeforeEach
    void setUp() throws Exception {
        files = GatewayFiles.write(directory);
        operatorContext = FakeMailContext.builder().postmaster(new MailAddress("postmaster@bank-a.example")).build();
        councilContext = FakeMailContext.builder().postmaster(new MailAddress("postmaster@council.example")).build();
        attachment = new byte[20_000];
        new Random(1).nextBytes(attachment);
    }

    @Test
    void aSubmissionBecomesASealedReportAndThenScopedNotices() throws Exception {
        Mail submission = submission("report+amber@bank-a.example");
        String forwardMessageId = submission.getMessage().getMessageID();

        mailet(new BuildReport(), operatorContext, Map.of("reportAddress", "report@bank-a.example")).service(submission);
        assertThat(submission.getState()).isEqualTo("c4tap-seal");
        String reportId = MailAttributes.get(submission, MailAttributes.REPORT_ID).orElseThrow();
        Report plain = ReportEntity.parse(submission.getMessage());
        assertThat(plain.id().value()).isEqualTo(reportId);
        assertThat(plain.scopes().of(Part.INDICATORS)).isEqualTo(Scope.AMBER);
        assertThat(plain.part(AttachmentList.class).orElseThrow().attachments().get(0).fingerprint().sha256())
                .isEqualTo(sha256(attachment));
        assertThat(Mails.bytes(submission.getMessage())).asString(StandardCharsets.ISO_8859_1)
                .doesNotContain(java.util.Base64.getMimeEncoder().encodeToString(attachment).substring(0, 60));

        mailet(new SealReport(), operatorContext, Map.of(
                "keystore", files.path("operator.p12").toString(),
                "keystorePasswordFile", files.path("keystore-password").toString(),
                "councilCertificate", files.path("council.pem").toString(),
                "councilAddress", "intake@council.example",
                "gatewayAddress", "c4tap-gateway@bank-a.example")).service(submission);
        mailet(new AcknowledgeReporter(), operatorContext, Map.of("from", "c4tap-gateway@bank-a.example")).service(submission);

        List<FakeMailContext.SentMail> sent = operatorContext.getSentMails();
        assertThat(sent).hasSize(2);
        FakeMailContext.SentMail relayed = sent.get(0);
        assertThat(relayed.getState()).isEqualTo("c4tap-relay");
        assertThat(relayed.getSender()).isEqualTo(new MailAddress("c4tap-gateway@bank-a.example"));
        assertThat(relayed.getRecipients()).containsExactly(new MailAddress("intake@council.example"));
        assertThat(relayed.getMsg().getContentType()).startsWith("application/pkcs7-mime");
        assertThat(relayed.getMsg().getSubject()).isEqualTo("C4TAP report " + reportId);
        assertThat(Mails.bytes(relayed.getMsg())).asString(StandardCharsets.ISO_8859_1)
                .doesNotContain("taro@bank-a.example").doesNotContain("evil.example");
        FakeMailContext.SentMail acknowledgement = sent.get(1);
        assertThat(acknowledgement.getRecipients()).containsExactly(new MailAddress("taro@bank-a.example"));
        assertThat(acknowledgement.getMsg().getSubject()).contains(reportId);
        assertThat(acknowledgement.getMsg().getHeader("In-Reply-To")).as("a reply to the submission")
                .containsExactly(forwardMessageId);

        Mail atCouncil = FakeMail.builder().name("relayed").mimeMessage(Mails.reparse(relayed.getMsg()))
                .sender("c4tap-gateway@bank-a.example").recipient("intake@council.example").state("c4tap-intake").build();
        mailet(new OpenReport(), councilContext, councilKey(Map.of("registry", files.path("registry.yaml").toString())))
                .service(atCouncil);
        assertThat(atCouncil.getState()).isEqualTo("c4tap-intake");
        assertThat(MailAttributes.get(atCouncil, MailAttributes.PROVIDER)).contains("bank-a");
        assertThat(MailAttributes.get(atCouncil, MailAttributes.REPORT_ID)).contains(reportId);

        mailet(new DistributeNotices(), councilContext, councilKey(Map.of(
                "registry", files.path("registry.yaml").toString(), "from", "c4tap@council.example"))).service(atCouncil);
        Map<String, FakeMailContext.SentMail> notices = councilContext.getSentMails().stream()
                .collect(Collectors.toMap(mail -> mail.getRecipients().iterator().next().asString(), mail -> mail));
        assertThat(notices).containsOnlyKeys("c4tap@bank-a.example", "soc@nisc.example", "soc@power-b.example", "lab@analysis.example");
        assertThat(MailAttributes.get(atCouncil, MailAttributes.NOTICES)).contains("4");
        assertAttributesSurviveJson(submission);
        assertAttributesSurviveJson(atCouncil);

        Report forParticipant = open(notices.get("soc@power-b.example").getMsg(), "power");
        assertThat(forParticipant.id().value()).isEqualTo(reportId);
        assertThat(forParticipant.has(Part.REPORTER)).isFalse();
        assertThat(forParticipant.has(Part.PROVIDER_NAME)).isFalse();
        assertThat(forParticipant.part(AttachmentList.class).orElseThrow().attachments().get(0).fingerprint().sha256())
                .isEqualTo(sha256(attachment));
        Report forProvider = open(notices.get("c4tap@bank-a.example").getMsg(), "operator");
        assertThat(forProvider.part(ProviderName.class).orElseThrow().nameEn()).isEqualTo("Mirai Bank");
    }

    @Test
    void samplesTravelSealedOnTheirOwnAndReachTheAnalystsAlone() throws Exception {
        Mail submission = submission("report+green@bank-a.example");
        mailet(new BuildReport(), operatorContext, Map.of("reportAddress", "report@bank-a.example", "samples", "true"))
                .service(submission);
        String reportId = MailAttributes.get(submission, MailAttributes.REPORT_ID).orElseThrow();
        assertThat(submission.getState()).isEqualTo("c4tap-seal");
        FakeMailContext.SentMail parcelMail = operatorContext.getSentMails().get(0);
        assertThat(parcelMail.getState()).isEqualTo("c4tap-seal-samples");
        assertThat(parcelMail.getAttributes().get(MailAttributes.KIND).getValue().value()).isEqualTo(MailAttributes.SAMPLES);
        SampleParcel packed = SampleEntity.parse(parcelMail.getMsg());
        assertThat(packed.reportId().value()).isEqualTo(reportId);
        assertThat(packed.entries()).extracting(SampleParcel.Entry::sha256).containsExactly(sha256(attachment));

        Mail parcel = FakeMail.builder().name("samples").mimeMessage(parcelMail.getMsg()).sender("taro@bank-a.example")
                .recipient("report@bank-a.example").attributes(parcelMail.getAttributes().values()).build();
        mailet(new SealReport(), operatorContext, Map.of(
                "keystore", files.path("operator.p12").toString(),
                "keystorePasswordFile", files.path("keystore-password").toString(),
                "councilCertificate", files.path("council.pem").toString(),
                "councilAddress", "samples@council.example",
                "gatewayAddress", "c4tap-gateway@bank-a.example")).service(parcel);
        FakeMailContext.SentMail relayed = operatorContext.getSentMails().get(1);
        assertThat(relayed.getState()).isEqualTo("c4tap-relay");
        assertThat(relayed.getRecipients()).containsExactly(new MailAddress("samples@council.example"));
        assertThat(relayed.getMsg().getSubject()).isEqualTo("C4TAP samples " + reportId);
        assertThat(relayed.getMsg().getContentType()).startsWith("application/pkcs7-mime");

        Mail atCouncil = FakeMail.builder().name("relayed-samples").mimeMessage(Mails.reparse(relayed.getMsg()))
                .sender("c4tap-gateway@bank-a.example").recipient("samples@council.example").state("c4tap-samples").build();
        Map<String, String> registry = Map.of("registry", files.path("registry.yaml").toString());
        Mail sameAtTheReportAddress = FakeMail.builder().name("misrouted").mimeMessage(Mails.reparse(relayed.getMsg()))
                .sender("c4tap-gateway@bank-a.example").recipient("intake@council.example").state("c4tap-intake").build();
        mailet(new OpenReport(), councilContext, councilKey(registry)).service(sameAtTheReportAddress);
        assertThat(sameAtTheReportAddress.getState()).as("a parcel is no report").isEqualTo("c4tap-quarantine");
        assertThat(MailAttributes.get(sameAtTheReportAddress, MailAttributes.FAILURE_REASON)).contains("malformed_report");

        Map<String, String> samplesKind = new java.util.HashMap<>(registry);
        samplesKind.put("kind", "samples");
        mailet(new OpenReport(), councilContext, councilKey(samplesKind)).service(atCouncil);
        assertThat(atCouncil.getState()).isEqualTo("c4tap-samples");
        assertThat(MailAttributes.get(atCouncil, MailAttributes.PROVIDER)).contains("bank-a");
        mailet(new DistributeSamples(), councilContext, councilKey(Map.of(
                "registry", files.path("registry.yaml").toString(), "from", "c4tap@council.example"))).service(atCouncil);

        assertThat(councilContext.getSentMails()).singleElement().satisfies(sent ->
                assertThat(sent.getRecipients()).containsExactly(new MailAddress("lab@analysis.example")));
        assertThat(MailAttributes.get(atCouncil, MailAttributes.NOTICES)).contains("1");
        MimeMessage forAnalysts = Mails.reparse(councilContext.getSentMails().get(0).getMsg());
        SampleParcel received = SampleEntity.parse(new Opener(TestPki.key("analysts").credential()).open(forAnalysts).content());
        assertThat(received.zip()).isEqualTo(packed.zip());
        for (String other : List.of("operator", "nisc", "power")) {
            assertThatThrownBy(() -> new Opener(TestPki.key(other).credential()).open(forAnalysts)).as(other)
                    .isInstanceOf(org.c4tap.core.smime.OpenFailure.class);
        }
        assertAttributesSurviveJson(atCouncil);
    }

    @Test
    void aWhiteReportsWhitePartsArePublishedClearSignedToThePublicListAlone() throws Exception {
        Mail atCouncil = acceptedAtCouncil("report+white@bank-a.example");
        Path audit = directory.resolve("audit.jsonl");
        mailet(new DistributeNotices(), councilContext, councilKey(Map.of("registry", files.path("registry.yaml").toString(),
                "from", "c4tap@council.example", "publishTo", "advisories@public.example", "auditLog", audit.toString())))
                .service(atCouncil);

        assertThat(atCouncil.getState()).isEqualTo("c4tap-intake");
        MailAddress publicList = new MailAddress("advisories@public.example");
        List<FakeMailContext.SentMail> published = councilContext.getSentMails().stream()
                .filter(sent -> sent.getRecipients().contains(publicList)).toList();
        assertThat(published).singleElement().satisfies(sent -> assertThat(sent.getRecipients()).hasSize(1));
        MimeMessage publication = Mails.reparse(published.get(0).getMsg());
        assertThat(publication.getContentType()).startsWith("multipart/signed");
        org.bouncycastle.mail.smime.SMIMESigned signed = new org.bouncycastle.mail.smime.SMIMESigned(
                (jakarta.mail.internet.MimeMultipart) publication.getContent());
        assertThat(signed.getSignerInfos().getSigners().iterator().next().verify(
                new org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder().build(TestPki.key("council").certificate()))).isTrue();
        Report report = ReportEntity.parse(signed.getContent());
        assertThat(report.parts().keySet()).containsExactlyInAnyOrder(Part.INDICATORS, Part.ATTACHMENTS, Part.SPAM);
        assertThat(report.scopes().of(Part.INDICATORS)).isEqualTo(Scope.WHITE);
        assertThat(java.nio.file.Files.readString(audit)).contains("\"event\":\"published\"").contains("\"addresses\":1");
    }

    @Test
    void aResentReportReachesOnlyTheOrganisationsItHadNotReachedAndIsNotPublishedTwice() throws Exception {
        Mail atCouncil = acceptedAtCouncil("report+white@bank-a.example");
        DistributeNotices distribute = mailet(new DistributeNotices(), councilContext, councilKey(Map.of(
                "registry", files.path("registry.yaml").toString(), "from", "c4tap@council.example",
                "publishTo", "advisories@public.example")));
        // the first distribution reached the provider and the secretariat and published, then stopped
        MailAttributes.set(atCouncil, MailAttributes.REACHED, "bank-a,secretariat,*public");

        distribute.service(atCouncil);

        assertThat(councilContext.getSentMails()).as("only those not reached before")
                .extracting(sent -> sent.getRecipients().iterator().next().asString())
                .containsExactlyInAnyOrder("soc@power-b.example", "lab@analysis.example");
        assertThat(MailAttributes.get(atCouncil, MailAttributes.NOTICES)).contains("2");
        assertThat(MailAttributes.reached(atCouncil)).containsExactlyInAnyOrder("bank-a", "secretariat", "*public", "power-b", "analysts");
        assertThat(atCouncil.getState()).isEqualTo("c4tap-intake");

        distribute.service(atCouncil);
        assertThat(councilContext.getSentMails()).as("a second resend sends nothing").hasSize(2);
    }

    @Test
    void aReportSignedByAnUnregisteredKeyIsQuarantinedStillSealed() throws Exception {
        Mail submission = submission("report@bank-a.example");
        mailet(new BuildReport(), operatorContext, Map.of("reportAddress", "report@bank-a.example")).service(submission);
        mailet(new SealReport(), operatorContext, Map.of(
                "keystore", files.path("intruder.p12").toString(),
                "keystorePasswordFile", files.path("keystore-password").toString(),
                "councilCertificate", files.path("council.pem").toString(),
                "councilAddress", "intake@council.example",
                "gatewayAddress", "c4tap-gateway@bank-a.example")).service(submission);
        MimeMessage sealed = Mails.reparse(operatorContext.getSentMails().get(0).getMsg());
        Mail atCouncil = FakeMail.builder().name("intruder").mimeMessage(sealed).sender("x@evil.example")
                .recipient("intake@council.example").state("c4tap-intake").build();

        mailet(new OpenReport(), councilContext, councilKey(Map.of("registry", files.path("registry.yaml").toString())))
                .service(atCouncil);

        assertThat(atCouncil.getState()).isEqualTo("c4tap-quarantine");
        assertThat(MailAttributes.get(atCouncil, MailAttributes.FAILURE_REASON)).contains("unknown_signer");
        assertThat(atCouncil.getMessage().getContentType()).startsWith("application/pkcs7-mime");
        assertThat(councilContext.getSentMails()).isEmpty();
    }

    @Test
    void aMailThatIsNoSealedReportIsQuarantined() throws Exception {
        Mail atCouncil = FakeMail.builder().name("plain").mimeMessage(Mails.reparse(Mails.suspicious("hi", "x", null, null)))
                .sender("x@evil.example").recipient("intake@council.example").state("c4tap-intake").build();
        mailet(new OpenReport(), councilContext, councilKey(Map.of("registry", files.path("registry.yaml").toString())))
                .service(atCouncil);
        assertThat(atCouncil.getState()).isEqualTo("c4tap-quarantine");
        assertThat(MailAttributes.get(atCouncil, MailAttributes.FAILURE_REASON)).contains("not_smime");
    }

    @Test
    void aSubmissionWithoutAForwardedMailIsRoutedForAnExplanation() throws Exception {
        Mail submission = FakeMail.builder().name("s").mimeMessage(Mails.reparse(Mails.suspicious("hi", "no attachment", null, null)))
                .sender("taro@bank-a.example").recipient("report@bank-a.example").build();
        mailet(new BuildReport(), operatorContext, Map.of("reportAddress", "report@bank-a.example")).service(submission);
        assertThat(submission.getState()).isEqualTo("c4tap-unrecognised");
        assertThat(MailAttributes.get(submission, MailAttributes.REJECTION)).contains("nothing_recognised");

        mailet(new ExplainRejection(), operatorContext, Map.of("reportAddress", "report@bank-a.example")).service(submission);
        FakeMailContext.SentMail explanation = operatorContext.getSentMails().get(0);
        assertThat(explanation.getRecipients()).containsExactly(new MailAddress("taro@bank-a.example"));
        String text = new String(Mails.bytes(explanation.getMsg()), StandardCharsets.US_ASCII);
        assertThat(decodedText(explanation.getMsg())).contains("添付ファイルとして転送").contains("Forward as Attachment");
        assertThat(text).doesNotContain("no attachment");
    }

    @Test
    void aSubmissionOverTheSizeLimitIsNotReadAndIsExplained() throws Exception {
        Mail submission = submission("report@bank-a.example");
        mailet(new BuildReport(), operatorContext, Map.of("reportAddress", "report@bank-a.example", "maxMessageBytes", "10000"))
                .service(submission);

        assertThat(submission.getState()).isEqualTo("c4tap-unrecognised");
        assertThat(MailAttributes.get(submission, MailAttributes.REJECTION)).contains("too_large");
        assertThat(MailAttributes.get(submission, MailAttributes.REPORT_ID)).isEmpty();
        mailet(new ExplainRejection(), operatorContext, Map.of("reportAddress", "report@bank-a.example")).service(submission);
        assertThat(decodedText(operatorContext.getSentMails().get(0).getMsg())).contains("larger than the gateway reads");
    }

    @Test
    void archiveLimitsConfiguredOnTheMailetReachTheAnalysis() throws Exception {
        byte[] nested = org.c4tap.core.inspection.HostileArchives.zipOfZips(3, "payload.exe",
                org.c4tap.core.inspection.HostileArchives.windowsProgram());
        MimeMessage forward = Mails.forward(Mails.suspicious("nested", "see the archive", "nested.zip", nested), "taro@bank-a.example");
        Map<String, String> parameters = Map.of("reportAddress", "report@bank-a.example", "maxArchiveDepth", "1", "maxParts", "2_000");
        Mail limited = FakeMail.builder().name("limited").mimeMessage(forward).size(Mails.bytes(forward).length)
                .sender("taro@bank-a.example").recipient("report@bank-a.example").build();
        mailet(new BuildReport(), operatorContext, parameters).service(limited);
        Mail standard = FakeMail.builder().name("standard").mimeMessage(Mails.reparse(forward)).size(Mails.bytes(forward).length)
                .sender("taro@bank-a.example").recipient("report@bank-a.example").build();
        mailet(new BuildReport(), operatorContext, Map.of("reportAddress", "report@bank-a.example")).service(standard);

        assertThat(ReportEntity.parse(limited.getMessage()).notes()).extracting(note -> note.kind()).contains("depth_limit");
        assertThat(ReportEntity.parse(standard.getMessage()).notes()).extracting(note -> note.kind()).doesNotContain("depth_limit");
    }

    @Test
    void theAdministratorNoticeCarriesTheReasonButNoContent() throws Exception {
        Mail stopped = FakeMail.builder().name("stopped-1").mimeMessage(Mails.reparse(Mails.suspicious("secret subject",
                "secret body", null, null))).sender("x@evil.example").recipient("intake@council.example").build();
        MailAttributes.set(stopped, MailAttributes.FAILURE_REASON, "unknown_signer");
        MailAttributes.set(stopped, MailAttributes.FAILURE_DETAIL, "the signer CN=intruder is not a registered gateway");
        mailet(new NotifyAdministrator(), councilContext, Map.of("repository", "memory://var/mail/c4tap-quarantine/"))
                .service(stopped);
        FakeMailContext.SentMail notice = councilContext.getSentMails().get(0);
        assertThat(notice.getRecipients()).containsExactly(new MailAddress("postmaster@council.example"));
        String text = decodedText(notice.getMsg());
        assertThat(text).contains("unknown_signer").contains("stopped-1").contains("memory://var/mail/c4tap-quarantine/");
        assertThat(text).doesNotContain("secret subject").doesNotContain("secret body");
    }

    @Test
    void initRefusesUnknownParametersAndBadValues() {
        assertThatThrownBy(() -> mailet(new BuildReport(), operatorContext, Map.of("reportAddress", "report@bank-a.example",
                "defaultScpoe", "AMBER"))).isInstanceOf(MessagingException.class).hasMessageContaining("defaultScpoe");
        assertThatThrownBy(() -> mailet(new BuildReport(), operatorContext, Map.of("reportAddress", "report@bank-a.example",
                "defaultScope", "TLP:CLEAR"))).isInstanceOf(MessagingException.class).hasMessageContaining("RED, AMBER");
        assertThatThrownBy(() -> mailet(new BuildReport(), operatorContext, Map.of()))
                .isInstanceOf(MessagingException.class).hasMessageContaining("reportAddress");
        assertThatThrownBy(() -> mailet(new BuildReport(), operatorContext, Map.of("reportAddress", "report@bank-a.example",
                "maxArchiveRatio", "lots"))).isInstanceOf(MessagingException.class).hasMessageContaining("maxArchiveRatio")
                .hasMessageContaining("positive whole number");
        assertThatThrownBy(() -> mailet(new BuildReport(), operatorContext, Map.of("reportAddress", "report@bank-a.example",
                "maxOutlookDepth", "0"))).isInstanceOf(MessagingException.class).hasMessageContaining("maxOutlookDepth");
        assertThatThrownBy(() -> mailet(new BuildReport(), operatorContext, Map.of("reportAddress", "report@bank-a.example",
                "maxHeaderBytes", "9999999999"))).isInstanceOf(MessagingException.class).hasMessageContaining("at most");
        assertThatThrownBy(() -> mailet(new BuildReport(), operatorContext, Map.of("reportAddress", "report@bank-a.example",
                "maxArchiveDeph", "2"))).isInstanceOf(MessagingException.class).hasMessageContaining("maxArchiveDeph");
        assertThatThrownBy(() -> mailet(new SealReport(), operatorContext, Map.of(
                "keystore", files.path("operator.p12").toString(),
                "keystorePasswordEnv", "C4TAP_TEST_PASSWORD_THAT_IS_NOT_SET",
                "councilCertificate", files.path("council.pem").toString(),
                "councilAddress", "intake@council.example",
                "gatewayAddress", "c4tap-gateway@bank-a.example")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("C4TAP_TEST_PASSWORD_THAT_IS_NOT_SET")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(GatewayFiles.PASSWORD));
    }

    @Test
    void aGatewayDoesNotQuietlyRunWithoutValidatingCertificates() {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("OpenReport").mailetContext(councilContext);
        councilKey(Map.of("registry", files.path("registry.yaml").toString())).forEach(config::setProperty);
        assertThatThrownBy(() -> new OpenReport().init(config.build())).isInstanceOf(MessagingException.class)
                .hasMessageContaining("<trustAnchors> is required");
    }

    @Test
    void ocspIsTrueOrFalse() throws Exception {
        Map<String, String> parameters = councilKey(Map.of("registry", files.path("registry.yaml").toString(),
                "trustAnchors", files.path("council.pem").toString()));
        parameters.put("ocsp", "yes");
        assertThatThrownBy(() -> mailet(new OpenReport(), councilContext, parameters)).isInstanceOf(MessagingException.class)
                .hasMessageContaining("<ocsp> 'yes' is not true or false");
        parameters.put("ocsp", "TRUE");
        assertThat(mailet(new OpenReport(), councilContext, parameters).getMailetInfo()).isNotEmpty();
    }

    /** James distributed carries attributes through RabbitMQ and Cassandra as JSON: each must have a JSON form. */
    private static void assertAttributesSurviveJson(Mail mail) {
        assertThat(mail.attributes().toList()).isNotEmpty().allSatisfy(attribute -> {
            var json = attribute.getValue().toJson();
            assertThat(json).as(attribute.getName().asString()).isPresent();
            assertThat(org.apache.mailet.AttributeValue.fromJson(json.get())).isEqualTo(attribute.getValue());
        });
    }

    /** A submission to {@code reportAddress} built, sealed and relayed by the operator, then opened and accepted by the council. */
    private Mail acceptedAtCouncil(String reportAddress) throws Exception {
        Mail submission = submission(reportAddress);
        mailet(new BuildReport(), operatorContext, Map.of("reportAddress", "report@bank-a.example")).service(submission);
        mailet(new SealReport(), operatorContext, Map.of(
                "keystore", files.path("operator.p12").toString(),
                "keystorePasswordFile", files.path("keystore-password").toString(),
                "councilCertificate", files.path("council.pem").toString(),
                "councilAddress", "intake@council.example",
                "gatewayAddress", "c4tap-gateway@bank-a.example")).service(submission);
        Mail atCouncil = FakeMail.builder().name("relayed").mimeMessage(Mails.reparse(operatorContext.getSentMails().get(0).getMsg()))
                .sender("c4tap-gateway@bank-a.example").recipient("intake@council.example").state("c4tap-intake").build();
        mailet(new OpenReport(), councilContext, councilKey(Map.of("registry", files.path("registry.yaml").toString())))
                .service(atCouncil);
        return atCouncil;
    }

    private Map<String, String> councilKey(Map<String, String> more) {
        Map<String, String> parameters = new java.util.HashMap<>(more);
        parameters.put("keystore", files.path("council.p12").toString());
        parameters.put("keystorePasswordFile", files.path("keystore-password").toString());
        return parameters;
    }

    private Mail submission(String recipient) throws Exception {
        MimeMessage original = Mails.suspicious("【至急】確認", "http://evil.example/login を開いてください", "invoice.zip", attachment);
        MimeMessage forward = Mails.forward(original, "taro@bank-a.example");
        // James computes a mail's size from its message; the test double is told it
        return FakeMail.builder().name("submission").mimeMessage(forward).size(Mails.bytes(forward).length)
                .sender("taro@bank-a.example").recipient(recipient).build();
    }

    /** The mailets that validate certificates when told which CAs to trust. */
    private static final Set<Class<?>> VALIDATING = Set.of(SealReport.class, OpenReport.class, DistributeNotices.class,
            DistributeSamples.class);

    private static <T extends org.apache.mailet.Mailet> T mailet(T mailet, FakeMailContext context, Map<String, String> parameters)
            throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName(mailet.getClass().getSimpleName()).mailetContext(context);
        // TestPki's certificates name no gateway address, so validating them would stop every step
        // here; validation is proven with the demo PKI on the real servers, and off here on purpose
        if (VALIDATING.contains(mailet.getClass()) && !parameters.containsKey("trustAnchors")) {
            config.setProperty("trustAnchors", "none");
        }
        parameters.forEach(config::setProperty);
        mailet.init(config.build());
        return mailet;
    }

    private static Report open(MimeMessage notice, String key) throws Exception {
        return ReportEntity.parse(new Opener(TestPki.key(key).credential()).open(Mails.reparse(notice)).content());
    }

    private static String decodedText(MimeMessage message) throws Exception {
        return new String(Mails.reparse(message).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
