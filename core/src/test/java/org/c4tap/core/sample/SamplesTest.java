package org.c4tap.core.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.c4tap.core.analysis.AnalysisSettings;
import org.c4tap.core.analysis.Analyzer;
import org.c4tap.core.report.ReportFormatException;
import org.c4tap.core.report.ReportId;
import org.c4tap.core.scope.Scope;
import org.c4tap.core.scope.ScopeChoice;
import org.c4tap.core.submission.Submission;
import org.c4tap.core.testing.Mails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplesTest {

    private static final ReportId REPORT = new ReportId("C4TAP-20261204-7K3M9Q2XWD");

    @TempDir
    Path work;

    @Test
    void theAttachmentsBytesAreKeptOnlyWhereTheOperatorSendsSamples() throws Exception {
        byte[] attachment = random(40_000, 1);
        Submission submission = submission(attachment);

        List<Analyzer.Analysis> without = new Analyzer(AnalysisSettings.standard(Scope.RED)).analyzeWithSamples(submission);
        List<Analyzer.Analysis> with = new Analyzer(AnalysisSettings.standard(Scope.RED).withSamples(true)).analyzeWithSamples(submission);

        assertThat(without).singleElement().satisfies(analysis -> assertThat(analysis.samples()).isSameAs(Samples.NONE));
        assertThat(with).singleElement().satisfies(analysis -> {
            assertThat(analysis.samples().kept()).singleElement().satisfies(sample -> {
                assertThat(sample.bytes()).isEqualTo(attachment);
                assertThat(sample.sha256()).isEqualTo(sha256(attachment));
                assertThat(sample.filename()).isEqualTo("請求書.zip");
            });
            assertThat(analysis.samples().omitted()).isEmpty();
        });
    }

    @Test
    void theSameBytesAreKeptOnceAndWhatWouldPassTheBoundIsListedNotKept() {
        byte[] small = random(100, 2);
        byte[] large = random(1_000, 3);
        SampleShelf shelf = SampleShelf.keeping(1_050);
        shelf.offer("a.doc", sha256(small), small);
        shelf.offer("copy of a.doc", sha256(small), small);
        shelf.offer("b.exe", sha256(large), large);
        shelf.omit("ff".repeat(32), "larger than 10 bytes (maxInspectedBytes)");

        Samples contents = shelf.contents();
        assertThat(contents.kept()).extracting(Sample::filename).containsExactly("a.doc");
        assertThat(contents.omitted()).hasSize(2);
        assertThat(contents.omitted().get(0)).startsWith(sha256(large)).contains("1050 bytes");
        assertThat(contents.omitted().get(1)).contains("maxInspectedBytes");
        assertThat(SampleShelf.none()).satisfies(none -> {
            none.offer("a.doc", sha256(small), small);
            assertThat(none.contents()).isSameAs(Samples.NONE);
        });
    }

    @Test
    void unzipOpensTheParcelWithThePasswordInfectedAndOnlyWithIt() throws Exception {
        byte[] macro = random(70_000, 4);
        byte[] text = "請求書を確認してください。\n".repeat(500).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Sample first = new Sample("請求書\u202Efdp.exe", sha256(macro), macro);
        Sample second = new Sample("../../etc/cron.d/evil", sha256(text), text);
        Path zip = Files.write(work.resolve("samples.zip"), SampleZip.pack(List.of(first, second)));

        Path wrong = Files.createDirectory(work.resolve("wrong"));
        assertThat(unzip(zip, "not-the-password", wrong)).isNotZero();

        Path out = Files.createDirectory(work.resolve("out"));
        assertThat(unzip(zip, SampleZip.PASSWORD, out)).isZero();
        try (Stream<Path> files = Files.walk(out)) {
            List<Path> extracted = files.filter(Files::isRegularFile).toList();
            assertThat(extracted).hasSize(2).allSatisfy(file -> assertThat(file.getParent()).isEqualTo(out));
        }
        Path firstOut = out.resolve(SampleZip.entryName(first));
        Path secondOut = out.resolve(SampleZip.entryName(second));
        assertThat(Files.readAllBytes(firstOut)).isEqualTo(macro);
        assertThat(Files.readAllBytes(secondOut)).isEqualTo(text);
        // named by hash alone: never as an executable, by a right-to-left trick or with a path
        assertThat(firstOut.getFileName()).hasToString(sha256(macro) + ".sample");
        assertThat(secondOut.getFileName()).hasToString(sha256(text) + ".sample");
    }

    @Test
    void unpackGivesBackTheExactBytesAndRefusesADamagedOrOversizedZip() throws Exception {
        byte[] first = random(70_000, 6);
        byte[] second = "同じ文字列の繰り返し。".repeat(2_000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] zip = SampleZip.pack(List.of(new Sample("a.exe", sha256(first), first), new Sample("b.txt", sha256(second), second)));

        assertThat(SampleZip.unpack(zip, first.length + second.length)).satisfiesExactly(
                one -> {
                    assertThat(one.name()).isEqualTo(sha256(first) + ".sample");
                    assertThat(one.bytes()).isEqualTo(first);
                },
                two -> assertThat(two.bytes()).isEqualTo(second));

        assertThatThrownBy(() -> SampleZip.unpack(zip, first.length + second.length - 1))
                .isInstanceOf(java.util.zip.ZipException.class).hasMessageContaining("pass");
        byte[] damaged = zip.clone();
        damaged[200] ^= 0x40;
        assertThatThrownBy(() -> SampleZip.unpack(damaged, Long.MAX_VALUE)).isInstanceOf(java.util.zip.ZipException.class);
        assertThatThrownBy(() -> SampleZip.unpack(java.util.Arrays.copyOf(zip, 100), Long.MAX_VALUE))
                .isInstanceOf(java.util.zip.ZipException.class);
    }

    @Test
    void theParcelSurvivesItsMimeRenderingAndABrokenOneIsRefused() throws Exception {
        byte[] bytes = random(5_000, 5);
        SampleParcel parcel = SampleParcel.pack(REPORT, List.of(new Sample("a.docm", sha256(bytes), bytes)),
                List.of(sha256(bytes) + ": omitted for the test"));

        MimeMessage message = Mails.reparse(SampleEntity.toMessage(parcel));
        SampleParcel read = SampleEntity.parse(message);

        assertThat(read.reportId()).isEqualTo(REPORT);
        assertThat(read.entries()).isEqualTo(parcel.entries());
        assertThat(read.omitted()).isEqualTo(parcel.omitted());
        assertThat(read.zip()).isEqualTo(parcel.zip());

        MimeBodyPart text = new MimeBodyPart();
        text.setText("not a parcel");
        assertThatThrownBy(() -> SampleEntity.parse(text)).isInstanceOf(ReportFormatException.class).hasMessageContaining("not multipart/mixed");
    }

    private static int unzip(Path zip, String password, Path into) throws Exception {
        Process process = new ProcessBuilder("unzip", "-o", "-P", password, "-d", into.toString(), zip.toString())
                .redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("unzip finished: " + output).isTrue();
        return process.exitValue();
    }

    private static Submission submission(byte[] attachment) throws Exception {
        MimeMessage original = Mails.suspicious("請求書の件", "ご確認ください", "請求書.zip", attachment);
        return new Submission(Mails.forward(original, "taro@bank.example"), "taro@bank.example",
                new ScopeChoice(Scope.RED, ScopeChoice.Origin.CONFIGURED_DEFAULT));
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
