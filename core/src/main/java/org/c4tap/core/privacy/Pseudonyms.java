package org.c4tap.core.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.c4tap.core.indicator.AddressMatches;
import org.c4tap.core.message.Mailbox;

/**
 * Stable pseudonyms for the operator's internal addresses: {@code person-3f9a1c07d2b4@pseudonym.invalid}.
 * The same address always gets the same pseudonym from one gateway (an HMAC with the gateway's
 * secret), so analysts can see that two reports hit the same person without learning who it is.
 * Only addresses in the operator's own domains are replaced; the attacker's stay as they are.
 */
public final class Pseudonyms {

    private static final Pattern ADDRESS = Pattern.compile(AddressMatches.LOCAL_PART + "{1,64}@([A-Za-z0-9](?:[A-Za-z0-9.\\-]{0,251}[A-Za-z0-9])?)");
    // {1,126} labels, as in DNS: an unbounded repeated group recursed per label and overflowed the stack on "a.a.a.…"
    private static final Pattern HOST = Pattern.compile("(?i)(?<![A-Za-z0-9.@-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.){1,126}[a-z]{2,63}(?![A-Za-z0-9-])");
    public static final String DOMAIN = "pseudonym.invalid";

    private final byte[] secret;
    private final Predicate<String> internalDomain;

    /**
     * @param secret         at least 16 bytes, kept by the gateway so pseudonyms stay stable
     * @param internalDomain which domains are the operator's own (lower case)
     */
    public Pseudonyms(byte[] secret, Predicate<String> internalDomain) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the pseudonym secret needs at least 16 bytes");
        }
        this.secret = secret.clone();
        this.internalDomain = internalDomain;
    }

    /** Pseudonyms that change with every start: for gateways given no secret (they then say so). */
    public static Pseudonyms ephemeral(Predicate<String> internalDomain) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new Pseudonyms(secret, internalDomain);
    }

    /** No domain is internal: nothing is replaced. */
    public static Pseudonyms none() {
        return new Pseudonyms(new byte[16], domain -> false);
    }

    public boolean isInternal(String address) {
        int at = address.lastIndexOf('@');
        return at > 0 && isInternalHost(address.substring(at + 1));
    }

    /** The host is one of the operator's domains or lies under one (mx.bank-a.example). */
    public boolean isInternalHost(String host) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        while (!name.isEmpty()) {
            if (internalDomain.test(name)) {
                return true;
            }
            int dot = name.indexOf('.');
            if (dot < 0) {
                return false;
            }
            name = name.substring(dot + 1);
        }
        return false;
    }

    /** The pseudonym of an internal host name: {@code host-3f9a1c07d2b4.pseudonym.invalid}. */
    public String hostPseudonym(String host) {
        return "host-" + hmac(host) + "." + DOMAIN;
    }

    public String pseudonym(String address) {
        return "person-" + hmac(address) + "@" + DOMAIN;
    }

    private String hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal(value.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    /**
     * An address field ("Name &lt;address&gt;, …") with every internal mailbox replaced by its
     * pseudonym, display name and all, since the name identifies the person as well as the address.
     */
    public String replaceMailboxes(String field) {
        if (field == null || field.indexOf('@') < 0) {
            return field;
        }
        List<String> rendered = new ArrayList<>();
        boolean changed = false;
        for (Mailbox mailbox : Mailbox.parseList(field)) {
            if (isInternal(mailbox.address())) {
                rendered.add(pseudonym(mailbox.address()));
                changed = true;
            } else {
                rendered.add(mailbox.render());
            }
        }
        return changed ? String.join(", ", rendered) : field;
    }

    /**
     * The text with every internal address and host name replaced by its pseudonym, including an
     * address percent-encoded in a link ({@code ?u=taro%40bank-a.example}, as personalised
     * phishing links carry the victim's address), whose pseudonym is then percent-encoded too.
     */
    public String replaceIn(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String addressesReplaced = replace(text, AddressMatches.in(text, ADDRESS, 64),
                match -> isInternalHost(match.group(1)) ? pseudonym(match.group()) : null);
        String encodedReplaced = replaceEncodedAddresses(addressesReplaced);
        return replace(encodedReplaced, HOST.matcher(encodedReplaced).results().toList(),
                match -> isInternalHost(match.group()) ? hostPseudonym(match.group()) : null);
    }

    private String replaceEncodedAddresses(String text) {
        int at = indexOfEncodedAt(text, 0);
        if (at < 0) {
            return text;
        }
        StringBuilder out = null;
        int last = 0;
        while (at >= 0) {
            int end = at + 3;
            while (end < text.length() && isDomainChar(text.charAt(end))) {
                end++;
            }
            while (end > at + 3 && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
                end--;
            }
            StringBuilder local = new StringBuilder();
            int start = at;
            // backwards, one character or one %XX escape at a time, while it decodes to a local-part character
            while (start > last && local.length() < 64) {
                char decoded;
                int width;
                if (start - 3 >= last && text.charAt(start - 3) == '%' && isHex(text.charAt(start - 2)) && isHex(text.charAt(start - 1))) {
                    decoded = (char) Integer.parseInt(text.substring(start - 2, start), 16);
                    width = 3;
                } else {
                    decoded = text.charAt(start - 1);
                    width = 1;
                }
                if (decoded == '%' || !isLocalChar(decoded)) {
                    break;
                }
                local.insert(0, decoded);
                start -= width;
            }
            String host = text.substring(at + 3, end);
            if (local.length() > 0 && host.indexOf('.') > 0 && isInternalHost(host)) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, last, start).append(pseudonym(local + "@" + host).replace("@", "%40"));
                last = end;
            }
            at = indexOfEncodedAt(text, Math.max(at + 3, last));
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    private static int indexOfEncodedAt(String text, int from) {
        for (int i = text.indexOf('%', from); i >= 0 && i + 2 < text.length(); i = text.indexOf('%', i + 1)) {
            if (text.charAt(i + 1) == '4' && text.charAt(i + 2) == '0') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isLocalChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "._+-!$'*^`{|}~".indexOf(c) >= 0;
    }

    private static boolean isDomainChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-';
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static String replace(String text, List<MatchResult> matches, java.util.function.Function<MatchResult, String> replacement) {
        StringBuilder out = null;
        int last = 0;
        for (MatchResult matcher : matches) {
            String replaced = replacement.apply(matcher);
            if (replaced != null) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, last, matcher.start()).append(replaced);
                last = matcher.end();
            }
        }
        if (out == null) {
            return text;
        }
        return out.append(text, last, text.length()).toString();
    }
}
