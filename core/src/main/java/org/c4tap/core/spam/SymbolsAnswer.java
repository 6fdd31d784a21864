package org.c4tap.core.spam;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.c4tap.core.report.SpamAnalysis;

/**
 * Reads spamd's answer to SYMBOLS: the {@code Spam: True ; 5.9 / 5.0} header gives the verdict,
 * score and threshold, the body the comma-separated names of the rules that hit.
 */
final class SymbolsAnswer {

    // True/False since protocol 1.3, Yes/No before; spamc accepts all four, in any case.
    private static final Pattern SPAM_HEADER = Pattern.compile(
            "(?i)(true|false|yes|no)\\s*;\\s*(-?\\d{1,9}(?:\\.\\d{1,9})?)\\s*/\\s*(-?\\d{1,9}(?:\\.\\d{1,9})?)");
    // SpamAssassin's own rule-name syntax (Constants::RULENAME_RE).
    private static final Pattern RULE_NAME = Pattern.compile("[_A-Za-z][_A-Za-z0-9]{0,127}");

    private SymbolsAnswer() {
    }

    static SpamAnalysis analysis(SpamdResponse response) throws SpamdFailure {
        if (response.code() != 0) {
            throw new SpamdFailure("spamd answered code " + response.codeName());
        }
        if (!response.text().equals("EX_OK")) {
            throw new SpamdFailure("answer has code 0 without EX_OK");
        }
        if (response.header("Content-length").isEmpty()) {
            throw new SpamdFailure("answer has no Content-length");
        }
        String spam = response.header("Spam").orElseThrow(() -> new SpamdFailure("answer has no Spam header"));
        Matcher verdict = SPAM_HEADER.matcher(spam);
        if (!verdict.matches()) {
            throw new SpamdFailure("answer has a malformed Spam header");
        }
        String flag = verdict.group(1).toLowerCase(Locale.ROOT);
        SpamAnalysis.Status status = flag.equals("true") || flag.equals("yes") ? SpamAnalysis.Status.SPAM : SpamAnalysis.Status.HAM;
        return new SpamAnalysis(status, Double.parseDouble(verdict.group(2)), Double.parseDouble(verdict.group(3)),
                rules(response.body()));
    }

    private static List<String> rules(String body) throws SpamdFailure {
        List<String> rules = new ArrayList<>();
        for (String item : body.split(",")) {
            String rule = item.strip();
            if (rule.isEmpty()) {
                continue;
            }
            if (!RULE_NAME.matcher(rule).matches()) {
                throw new SpamdFailure("answer has a malformed rule list");
            }
            rules.add(rule);
        }
        return rules;
    }
}
