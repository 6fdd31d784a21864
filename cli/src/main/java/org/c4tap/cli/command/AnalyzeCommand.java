package org.c4tap.cli.command;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.c4tap.core.analysis.AnalysisSettings;
import org.c4tap.core.analysis.Analyzer;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.privacy.Pseudonyms;
import org.c4tap.core.report.Report;
import org.c4tap.core.report.ReportJson;
import org.c4tap.core.scope.Scope;
import org.c4tap.core.scope.ScopeChoice;
import org.c4tap.core.submission.Submission;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code c4tap analyze FILE.eml}: the report the operator gateway would send, offline. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Print the report JSON the operator gateway would build from a submission (the mail as an employee forwarded it).",
                "Exit status: 0 with a report (an array when there are several), 3 when no reported mail was found."})
public final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.eml", description = "the submission, as received by the report address")
    Path file;

    @Option(names = "--scope", paramLabel = "SCOPE", description = "the scope the reporter chose (as with report+amber@…): RED, AMBER, YELLOW, GREEN, WHITE")
    String scope;

    @Option(names = "--default-scope", paramLabel = "SCOPE", defaultValue = "RED", description = "the gateway's configured default (default: ${DEFAULT-VALUE})")
    String defaultScope;

    @Option(names = "--reporter", paramLabel = "ADDRESS", description = "the reporting employee (default: the submission's From)")
    String reporter;

    @Mixin
    PseudonymOptions privacy;

    @Override
    public Integer call() throws Exception {
        List<Report> reports = analyze(file, scope, defaultScope, reporter, privacy.pseudonyms(file));
        if (reports.isEmpty()) {
            System.err.println("no reported mail found in " + file + ": forward suspicious mail as an attachment");
            return 3;
        }
        if (reports.size() == 1) {
            System.out.println(ReportJson.write(reports.get(0)));
        } else {
            System.out.println("[" + String.join(",\n", reports.stream().map(ReportJson::write).toList()) + "]");
        }
        return 0;
    }

    static List<Report> analyze(Path file, String scope, String defaultScope, String reporter, Pseudonyms pseudonyms) throws Exception {
        Scope fallback = parseScope(defaultScope);
        MimeMessage carrier;
        try (InputStream in = Files.newInputStream(file)) {
            carrier = new MimeMessage(MimeParts.session(), in);
        }
        String who = reporter;
        if (who == null) {
            String[] from = carrier.getHeader("From");
            InternetAddress[] parsed = from == null ? new InternetAddress[0] : InternetAddress.parseHeader(from[0], false);
            who = parsed.length == 0 ? "" : parsed[0].getAddress();
        }
        ScopeChoice choice = scope == null ? new ScopeChoice(fallback, ScopeChoice.Origin.CONFIGURED_DEFAULT)
                : new ScopeChoice(parseScope(scope), ScopeChoice.Origin.SUBADDRESS);
        return new Analyzer(AnalysisSettings.standard(fallback).withPseudonyms(pseudonyms))
                .analyze(new Submission(carrier, who, choice));
    }

    private static Scope parseScope(String label) {
        return Scope.parse(label).orElseThrow(() ->
                new IllegalArgumentException("'" + label + "' is not one of RED, AMBER, YELLOW, GREEN, WHITE"));
    }
}
