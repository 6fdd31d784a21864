package org.c4tap.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.c4tap.cli.Main;
import org.c4tap.core.privacy.Pseudonyms;
import org.c4tap.core.report.Note;
import org.c4tap.core.report.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code c4tap analyze --limit}: the gateway's bounds on hostile input, set by the mailet's parameter names. */
class AnalyzeCommandTest {

    @TempDir
    Path directory;

    @Test
    void aLimitGivenOnTheCommandLineBoundsTheAnalysisAndItsNoteSaysSo() throws Exception {
        StringBuilder parts = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            parts.append("--b\r\nContent-Type: text/plain\r\n\r\n").append(i).append("\r\n");
        }
        Path file = directory.resolve("submission.eml");
        Files.writeString(file, "From: taro@bank-a.example\r\nTo: report@bank-a.example\r\nSubject: FW\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"c\"\r\n\r\n--c\r\nContent-Type: message/rfc822\r\n\r\n"
                + "From: x@evil.example\r\nSubject: parts\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n" + parts
                + "--b--\r\n\r\n--c--\r\n", StandardCharsets.US_ASCII);

        CommandLine commandLine = Main.commandLine();
        commandLine.parseArgs("analyze", file.toString(), "--limit", "maxParts=5", "--limit", "maxArchiveDepth=2");
        AnalyzeCommand parsed = commandLine.getSubcommands().get("analyze").getCommand();
        assertThat(parsed.limitOptions).containsExactly(Map.entry("maxParts", 5L), Map.entry("maxArchiveDepth", 2L));

        List<Report> limited = AnalyzeCommand.analyze(file, null, "RED", null, Pseudonyms.none(), AnalyzeCommand.limits(parsed.limitOptions));
        List<Report> standard = AnalyzeCommand.analyze(file, null, "RED", null, Pseudonyms.none());
        assertThat(limited.get(0).notes()).extracting(Note::kind).contains("part_limit");
        assertThat(standard.get(0).notes()).extracting(Note::kind).doesNotContain("part_limit");
    }

    @Test
    void anUnknownLimitIsRefusedWithTheKnownNames() {
        assertThatThrownBy(() -> AnalyzeCommand.limits(Map.of("maxPart", 5L))).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("unknown limit 'maxPart'").hasMessageContaining("maxParts");
        assertThatThrownBy(() -> AnalyzeCommand.limits(Map.of("maxParts", 0L))).hasMessageContaining("positive");
    }
}
