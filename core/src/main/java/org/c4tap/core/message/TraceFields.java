package org.c4tap.core.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.c4tap.core.report.AuthenticationVerdict;
import org.c4tap.core.report.ReceivedHop;

/**
 * Reads the trace fields of a mail: Received (RFC 5321 §4.4) into hops, and
 * Authentication-Results (RFC 8601) into verdicts. Relays write Received fields in many dialects;
 * what cannot be recognised is left empty rather than guessed.
 */
public final class TraceFields {

    private static final int MAX_HOPS = 100;
    private static final Pattern FROM = Pattern.compile("(?i)\\bfrom\\s+([^\\s;()]+)");
    private static final Pattern BY = Pattern.compile("(?i)\\bby\\s+([^\\s;()]+)");
    private static final Pattern WITH = Pattern.compile("(?i)\\bwith\\s+([^\\s;()]+)");
    private static final Pattern IP = Pattern.compile("\\[(?:IPv6:)?([0-9A-Fa-f:.]{3,45})\\]|\\((?:[^()]*?\\s)?\\[?((?:\\d{1,3}\\.){3}\\d{1,3})\\]?\\)");
    private static final Pattern METHOD = Pattern.compile("^\\s*([A-Za-z0-9_.-]+)\\s*=\\s*([A-Za-z0-9_-]+)\\s*(.*)$", Pattern.DOTALL);

    private TraceFields() {
    }

    public static List<ReceivedHop> received(List<String> fields) {
        List<ReceivedHop> hops = new ArrayList<>();
        for (String raw : fields) {
            if (hops.size() >= MAX_HOPS) {
                break;
            }
            String field = raw.replaceAll("\\s+", " ").strip();
            int semicolon = field.lastIndexOf(';');
            String clauses = semicolon < 0 ? field : field.substring(0, semicolon);
            String time = semicolon < 0 ? "" : field.substring(semicolon + 1).strip();
            int byAt = indexOfWord(clauses, "by");
            String fromClause = byAt < 0 ? clauses : clauses.substring(0, byAt);
            hops.add(new ReceivedHop(group(FROM, fromClause), group(BY, clauses), ip(fromClause), group(WITH, clauses), time));
        }
        return hops;
    }

    public static List<AuthenticationVerdict> authentication(List<String> fields) {
        List<AuthenticationVerdict> verdicts = new ArrayList<>();
        for (String raw : fields) {
            List<String> pieces = splitOutsideComments(raw.replaceAll("\\s+", " "));
            if (pieces.isEmpty()) {
                continue;
            }
            String server = pieces.get(0).strip().split("\\s+")[0];
            for (String piece : pieces.subList(1, pieces.size())) {
                Matcher method = METHOD.matcher(withoutComments(piece));
                if (method.matches() && verdicts.size() < 50) {
                    verdicts.add(new AuthenticationVerdict(server, method.group(1).toLowerCase(Locale.ROOT),
                            method.group(2).toLowerCase(Locale.ROOT), method.group(3).strip()));
                }
            }
        }
        return verdicts;
    }

    private static String ip(String fromClause) {
        Matcher matcher = IP.matcher(fromClause);
        while (matcher.find()) {
            String candidate = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            if (candidate != null && (candidate.contains(".") || candidate.contains(":"))) {
                return candidate;
            }
        }
        return "";
    }

    private static String group(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static int indexOfWord(String text, String word) {
        Matcher matcher = Pattern.compile("(?i)(?:^|[\\s)])" + word + "\\s").matcher(text);
        return matcher.find() ? matcher.start() : -1;
    }

    private static List<String> splitOutsideComments(String text) {
        List<String> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && depth == 0) {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && depth > 0) {
                depth--;
            } else if (!quoted && depth == 0 && c == ';') {
                pieces.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        pieces.add(current.toString());
        return pieces;
    }

    private static String withoutComments(String text) {
        String previous;
        String current = text;
        do {
            previous = current;
            current = current.replaceAll("\\([^()]*\\)", " ");
        } while (!current.equals(previous));
        return current.replaceAll("\\s+", " ").strip();
    }
}
