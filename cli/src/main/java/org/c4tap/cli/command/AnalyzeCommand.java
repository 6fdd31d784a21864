package org.c4tap.cli.command;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.c4tap.core.analysis.AnalysisSettings;
import org.c4tap.core.analysis.Analyzer;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.privacy.Pseudonyms;
import org.c4tap.core.report.Report;
import org.c4tap.core.report.ReportJson;
import org.c4tap.core.scope.Scope;
import org.c4tap.core.scope.ScopeChoice;
import org.c4tap.core.submission.ReadLimits;
import org.c4tap.core.submission.Submission;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code c4tap analyze FILE.eml}: the report the operator gateway would send, offline. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Print the report JSON the operator gateway would build from a submission (the mail as an employee forwarded it).",
                "Exit status: 0 with a report (an array when there are several), 2 for a usage error,"
                        + " 3 when no reported mail was found or the file is larger than maxMessageBytes (nothing on standard output)."})
public final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.eml", description = "the submission, as received by the report address")
    Path file;

    @Option(names = "--scope", paramLabel = "SCOPE", description = "the scope the reporter chose (as with report+amber@…): RED, AMBER, YELLOW, GREEN, WHITE")
    String scope;

    @Option(names = "--default-scope", paramLabel = "SCOPE", defaultValue = "RED", description = "the gateway's configured default (default: ${DEFAULT-VALUE})")
    String defaultScope;

    @Option(names = "--reporter", paramLabel = "ADDRESS", description = "the reporting employee (default: the submission's From)")
    String reporter;

    @Option(names = "--limit", paramLabel = "NAME=VALUE", description = {"a bound on reading, as the BuildReport mailet's parameter"
            + " of that name (repeatable), such as --limit maxParts=500. Names: maxMessageBytes, maxHeaderBytes, maxHeaderFields,"
            + " maxParts, maxDepth, maxReportedMails, maxTextChars, maxInspectedBytes, maxSpamBytes, maxArchiveDepth, maxArchiveEntries,"
            + " maxArchiveEntriesInAll, maxArchiveEntryBytes, maxArchiveBytes, maxArchiveRatio, maxArchiveMillis, maxOutlookBytes,"
            + " maxOutlookAttachments, maxOutlookDepth, maxOutlookPropertyBytes (see config/README.md).",
            "Default: the gateway's standard limits."})
    Map<String, Long> limitOptions = new LinkedHashMap<>();

    @Mixin
    PseudonymOptions privacy;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ParameterException(spec.commandLine(), "cannot read " + file + ": not a readable file");
        }
        for (String label : new String[] {scope, defaultScope}) {
            if (label != null && Scope.parse(label).isEmpty()) {
                throw new ParameterException(spec.commandLine(), "'" + label + "' is not a scope: RED, AMBER, YELLOW, GREEN or WHITE");
            }
        }
        ReadLimits limits = limits(limitOptions);
        if (Files.size(file) > limits.maxMessageBytes()) {
            spec.commandLine().getErr().println(file + " is larger than maxMessageBytes (" + limits.maxMessageBytes()
                    + "): the gateway would not read it and would explain that to the reporter (too_large)");
            return 3;
        }
        List<Report> reports = analyze(file, scope, defaultScope, reporter, privacy.pseudonyms(file), limits);
        if (reports.isEmpty()) {
            // what the gateway does too: nothing is relayed, and the reporter is told how to forward
            spec.commandLine().getErr().println("no reported mail found in " + file + " (nothing_recognised): the gateway would relay"
                    + " nothing and ask the reporter to forward the suspicious mail as an attachment (.eml or .msg) or inline");
            return 3;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (reports.size() == 1) {
            out.println(ReportJson.write(reports.get(0)));
        } else {
            out.println("[" + String.join(",\n", reports.stream().map(ReportJson::write).toList()) + "]");
        }
        out.flush();
        return 0;
    }

    /** The standard limits with the named ones changed; an unknown name or a bad value is refused with the known names. */
    static ReadLimits limits(Map<String, Long> named) {
        ReadLimits limits = ReadLimits.STANDARD;
        for (Map.Entry<String, Long> entry : named.entrySet()) {
            try {
                limits = limits.with(entry.getKey(), entry.getValue());
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new AnalyzeCommand()), "--limit: " + e.getMessage());
            }
        }
        return limits;
    }

    static List<Report> analyze(Path file, String scope, String defaultScope, String reporter, Pseudonyms pseudonyms) throws Exception {
        return analyze(file, scope, defaultScope, reporter, pseudonyms, ReadLimits.STANDARD);
    }

    static List<Report> analyze(Path file, String scope, String defaultScope, String reporter, Pseudonyms pseudonyms, ReadLimits limits)
            throws Exception {
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
        return new Analyzer(AnalysisSettings.standard(fallback).withPseudonyms(pseudonyms).withLimits(limits))
                .analyze(new Submission(carrier, who, choice));
    }

    private static Scope parseScope(String label) {
        return Scope.parse(label).orElseThrow(() ->
                new IllegalArgumentException("'" + label + "' is not one of RED, AMBER, YELLOW, GREEN, WHITE"));
    }
}
