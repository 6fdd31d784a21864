package org.c4tap.core.scope;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scope tag the reporter put at the start of their submission's subject, such as
 * {@code [AMBER] FW: 請求書} or {@code 【GREEN】}. Only the very start counts, before any FW:
 * prefix, and a tag that the reported mail's own subject also starts with is ignored: Outlook
 * copies the original subject into a forward, and the original subject is the attacker's text.
 * ({@code [AMBER] FW: [WHITE] …} is the reporter's AMBER: their tag stands before the forward.)
 */
public final class SubjectTag {

    private static final Pattern TAG = Pattern.compile("^\\s*[\\[【［(（]\\s*(RED|AMBER|YELLOW|GREEN|WHITE)\\s*[\\]】］)）]",
            Pattern.CASE_INSENSITIVE);
    /** One prefix; they are stripped one at a time, as a repeated group recurses per repetition and overflows the stack. */
    private static final Pattern FORWARD_PREFIX = Pattern.compile("^\\s*(?:fwd?|fw|re|転送|返信|ｆｗ|tr|wg)\\s*[:：]\\s*",
            Pattern.CASE_INSENSITIVE);

    private SubjectTag() {
    }

    public static Optional<ScopeChoice> read(String submissionSubject, List<String> reportedSubjects) {
        if (submissionSubject == null) {
            return Optional.empty();
        }
        Matcher matcher = TAG.matcher(submissionSubject);
        if (!matcher.find()) {
            return Optional.empty();
        }
        Scope scope = Scope.parseOrRed(matcher.group(1));
        for (String reported : reportedSubjects) {
            Matcher original = TAG.matcher(withoutForwardPrefixes(reported == null ? "" : reported));
            if (original.find() && Scope.parseOrRed(original.group(1)) == scope) {
                return Optional.empty();
            }
        }
        return Optional.of(new ScopeChoice(scope, ScopeChoice.Origin.SUBJECT_TAG));
    }

    /** The narrower of two requests, or whichever was made; the configured default only when neither was. */
    public static ScopeChoice combine(ScopeChoice given, Optional<ScopeChoice> tag) {
        if (tag.isEmpty()) {
            return given;
        }
        if (!given.requested()) {
            return tag.get();
        }
        return tag.get().scope().includes(given.scope()) ? given : tag.get();
    }

    /** The subject after its leading "Fw:", "Re:", "転送:"… however many there are. */
    static String withoutForwardPrefixes(String subject) {
        Matcher prefix = FORWARD_PREFIX.matcher(subject);
        int start = 0;
        while (prefix.lookingAt()) {
            start = prefix.end();
            prefix.region(start, subject.length());
        }
        return subject.substring(start);
    }
}
