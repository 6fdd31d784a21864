package org.c4tap.core.smime;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.pki.CertificateAuthority;
import org.c4tap.core.pki.IssueOptions;
import org.c4tap.core.pki.KeyType;
import org.c4tap.core.pki.Validity;
import org.c4tap.core.testing.FuzzSeeds;
import org.c4tap.core.testing.Mails;
import org.c4tap.core.testing.SampleReports;
import org.c4tap.core.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target: a message that claims to be a sealed report, through the council's {@link Opener}
 * (decrypt with the council's key, verify the signature inside). The property: it either opens
 * the message or refuses it with an {@link OpenFailure} and its reason; never another exception,
 * never a hang; what it opens is well-formed (a signer among the certificates carried, the
 * encryption it was sealed with).
 *
 * <p>The first byte of an input says what the rest is, so that mutations reach each layer:
 * <ul>
 *   <li>{@code xx00}: the whole message as it arrives (MIME, base64, CMS);</li>
 *   <li>{@code xx01}: the DER of the CMS structure, put in a well-formed message;</li>
 *   <li>{@code xx1x}: what is inside the envelope (the signed entity), encrypted to the council
 *       here, AES-GCM when bit 5 is set, so that mutations reach the signature and the MIME inside
 *       it without having to get past the encryption.</li>
 * </ul>
 * Bit 4 picks the council's EC key instead of its RSA key. The council's keys are fixed (a test
 * key store beside this class, made by {@link #keyStore()} on first use) so that the seeds and
 * findings, which are encrypted to them, open again on every run.
 */
class OpenerFuzzTest {

    static final Path KEY_STORE = Path.of("src/test/resources/org/c4tap/core/smime/OpenerFuzzTest.p12");
    private static final char[] PASSWORD = "c4tap-fuzz-test-only".toCharArray();
    private static final Credential RSA_COUNCIL = credential("rsa");
    private static final Credential EC_COUNCIL = credential("ec");
    private static final Opener RSA_OPENER = new Opener(RSA_COUNCIL);
    private static final Opener EC_OPENER = new Opener(EC_COUNCIL);

    private static final int WHOLE = 0;
    private static final int DER = 1;
    private static final int EC = 0x10;
    private static final int GCM = 0x20;

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    @DictionaryFile(resourcePath = "OpenerFuzzTest.dict")
    void open(byte[] input) throws Exception {
        int selector = input.length == 0 ? 0 : Byte.toUnsignedInt(input[0]);
        byte[] rest = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
        boolean ec = (selector & EC) != 0;
        boolean gcm = (selector & GCM) != 0;
        MimeMessage message;
        try {
            message = switch (selector & 0x03) {
                case WHOLE -> MimeParts.parse(rest);
                case DER -> sealedMessage(rest);
                default -> sealedMessage(encrypt(rest, ec ? EC_COUNCIL : RSA_COUNCIL, gcm));
            };
        } catch (MessagingException unreadable) {
            return; // no message at all: the mail server would not have accepted it
        }

        Opened opened;
        try {
            opened = (ec ? EC_OPENER : RSA_OPENER).open(message);
        } catch (OpenFailure refused) {
            assertThat(refused.reason()).isNotNull();
            assertThat(refused.getMessage()).startsWith(refused.reason().key() + ": ");
            return;
        }
        assertThat(opened.certificates()).contains(opened.signer());
        assertThat(opened.content()).isNotNull();
        assertThat(opened.headers()).isNotNull();
        if ((selector & 0x02) != 0) {
            assertThat(opened.encryption()).isEqualTo(gcm ? SealingProfile.ContentEncryption.AES_256_GCM
                    : SealingProfile.ContentEncryption.AES_256_CBC);
        }
    }

    /** A pkcs7-mime message holding {@code der}, as a sealer writes it. */
    private static MimeMessage sealedMessage(byte[] der) throws MessagingException {
        String header = "MIME-Version: 1.0\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data; name=\"smime.p7m\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes(Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encode(der));
        return MimeParts.parse(bytes.toByteArray());
    }

    /** {@code plain} in EnvelopedData (AES-CBC) or AuthEnvelopedData (AES-GCM) for the council. */
    private static byte[] encrypt(byte[] plain, Credential council, boolean gcm) throws Exception {
        CMSProcessableByteArray data = new CMSProcessableByteArray(plain);
        if (gcm) {
            CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
            generator.addRecipientInfoGenerator(recipientInfo(council));
            return generator.generate(data, (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                    .setProvider(Crypto.provider()).build()).getEncoded();
        }
        CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
        generator.addRecipientInfoGenerator(recipientInfo(council));
        return generator.generate(data, new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC)
                .setProvider(Crypto.provider()).build()).getEncoded();
    }

    private static RecipientInfoGenerator recipientInfo(Credential council) throws GeneralSecurityException {
        if (council.certificate().getPublicKey() instanceof ECPublicKey key) {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC", Crypto.provider());
            generator.initialize(key.getParams());
            java.security.KeyPair ephemeral = generator.generateKeyPair();
            return new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF, ephemeral.getPrivate(), ephemeral.getPublic(),
                    CMSAlgorithm.AES256_WRAP).addRecipient(council.certificate()).setProvider(Crypto.provider());
        }
        return new JceKeyTransRecipientInfoGenerator(council.certificate()).setProvider(Crypto.provider());
    }

    private static Credential credential(String alias) {
        try {
            if (!Files.exists(KEY_STORE)) {
                keyStore();
            }
            return KeyStores.load(KEY_STORE, PASSWORD, alias);
        } catch (KeyStores.KeyStoreLoadException | GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * The council's fuzzing keys, RSA and EC, valid for a century: test keys that protect nothing,
     * kept in the source tree only so that what is encrypted to them stays readable.
     */
    private static void keyStore() throws GeneralSecurityException, IOException {
        CertificateAuthority ca = CertificateAuthority.create("Fuzz CA", KeyType.RSA_2048,
                Validity.fromNow(Duration.ofDays(36_500)));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (KeyType type : List.of(KeyType.RSA_2048, KeyType.EC_P256)) {
            CertificateAuthority.Issued council = ca.issue("council", "Fuzz Council", List.of("intake@council.example"),
                    IssueOptions.of(type, Duration.ofDays(36_000)));
            List<Certificate> chain = new java.util.ArrayList<>();
            chain.add(council.certificate());
            chain.addAll(council.issuers());
            store.setKeyEntry(type == KeyType.EC_P256 ? "ec" : "rsa", council.key(), PASSWORD, chain.toArray(Certificate[]::new));
        }
        Files.createDirectories(KEY_STORE.getParent());
        try (OutputStream out = Files.newOutputStream(KEY_STORE)) {
            store.store(out, PASSWORD);
        }
    }

    /** Sealed reports for each council key and encryption, as a whole message, as DER and as the content inside. */
    static Map<String, byte[]> seeds() throws Exception {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        OuterHeaders outer = new OuterHeaders("gateway@bank-a.example", List.of("intake@council.example"),
                "C4TAP report C4TAP-20261126-ABCDEFGHJK", "<C4TAP-20261126-ABCDEFGHJK@bank-a.example>");
        for (boolean ec : new boolean[] {false, true}) {
            for (SealingProfile profile : List.of(SealingProfile.STANDARD, SealingProfile.GATEWAY)) {
                Credential council = ec ? EC_COUNCIL : RSA_COUNCIL;
                boolean gcm = profile.encryption() == SealingProfile.ContentEncryption.AES_256_GCM;
                String name = (ec ? "ec" : "rsa") + (gcm ? "-gcm" : "-cbc");
                byte[] whole = Mails.bytes(new Sealer(TestPki.key("fuzz-operator").credential(), profile)
                        .seal(ReportEntity.render(SampleReports.green()), outer, List.of(council.certificate())));
                byte[] der = Base64.getMimeDecoder().decode(new String(whole, StandardCharsets.US_ASCII).split("\r\n\r\n", 2)[1]);
                seeds.put("whole-" + name, prefixed(WHOLE | (ec ? EC : 0), whole));
                seeds.put("der-" + name, prefixed(DER | (ec ? EC : 0), der));
                seeds.put("inside-" + name, prefixed(0x02 | (ec ? EC : 0) | (gcm ? GCM : 0), decrypt(der, council)));
            }
        }
        seeds.put("whole-plain-mail", prefixed(WHOLE, Mails.bytes(Mails.suspicious("hi", "text", null, null))));
        return seeds;
    }

    private static byte[] decrypt(byte[] der, Credential council) throws Exception {
        ContentInfo info = ContentInfo.getInstance(der);
        boolean ec = council.certificate().getPublicKey() instanceof ECPublicKey;
        if (info.getContentType().equals(org.bouncycastle.asn1.cms.CMSObjectIdentifiers.authEnvelopedData)) {
            RecipientInformation ours = new CMSAuthEnvelopedData(info).getRecipientInfos().getRecipients().iterator().next();
            return ours.getContent(ec ? new JceKeyAgreeAuthEnvelopedRecipient(council.key()).setProvider(Crypto.provider())
                    : new JceKeyTransAuthEnvelopedRecipient(council.key()).setProvider(Crypto.provider()));
        }
        RecipientInformation ours = new CMSEnvelopedData(info).getRecipientInfos().getRecipients().iterator().next();
        return ours.getContent(ec ? new JceKeyAgreeEnvelopedRecipient(council.key()).setProvider(Crypto.provider())
                : new JceKeyTransEnvelopedRecipient(council.key()).setProvider(Crypto.provider()));
    }

    private static byte[] prefixed(int selector, byte[] rest) {
        byte[] input = new byte[rest.length + 1];
        input[0] = (byte) selector;
        System.arraycopy(rest, 0, input, 1, rest.length);
        return input;
    }

    @Test
    void theSeedCorpusIsCommittedAndEverySealedSeedOpens() throws Exception {
        assertThat(FuzzSeeds.writeMissing(getClass(), "open", seeds())).as("seeds written now: commit them").isEmpty();
        int opened = 0;
        for (Map.Entry<String, byte[]> seed : FuzzSeeds.committed(getClass(), "open").entrySet()) {
            if (seed.getKey().startsWith(FuzzSeeds.PREFIX) && !seed.getKey().contains("plain")) {
                byte[] input = seed.getValue();
                boolean ec = (input[0] & EC) != 0;
                byte[] rest = Arrays.copyOfRange(input, 1, input.length);
                MimeMessage message = switch (input[0] & 0x03) {
                    case WHOLE -> MimeParts.parse(rest);
                    case DER -> sealedMessage(rest);
                    default -> sealedMessage(encrypt(rest, ec ? EC_COUNCIL : RSA_COUNCIL, (input[0] & GCM) != 0));
                };
                Opened result = (ec ? EC_OPENER : RSA_OPENER).open(message);
                assertThat(ReportEntity.parse(result.content())).as(seed.getKey()).isEqualTo(ReportEntity.parse(
                        ReportEntity.render(SampleReports.green())));
                opened++;
            }
        }
        assertThat(opened).isEqualTo(12);
    }

    @Test
    void theFuzzKeysAreTheOnesTheSeedsWereSealedFor() {
        assertThat(RSA_COUNCIL.certificate().getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(EC_COUNCIL.certificate().getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(RSA_COUNCIL.certificate().getNotAfter().toInstant()).isAfter(java.time.Instant.now().plus(Duration.ofDays(3650)));
    }
}
