package org.c4tap.core.submission;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.c4tap.core.scope.Scope;
import org.c4tap.core.scope.ScopeChoice;

/**
 * The address employees forward suspicious mail to, such as {@code report@bank-a.example}. A
 * sub-address chooses the scope: {@code report+amber@bank-a.example}. A sub-address that names no
 * scope reads as RED, so a typing error can only narrow the audience.
 */
public final class ReportAddress {

    private final String localPart;
    private final String domain;

    private ReportAddress(String localPart, String domain) {
        this.localPart = localPart;
        this.domain = domain;
    }

    public static ReportAddress parse(String address) {
        Objects.requireNonNull(address, "address");
        String trimmed = address.strip().toLowerCase(Locale.ROOT);
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at == trimmed.length() - 1 || trimmed.indexOf('+') >= 0) {
            throw new IllegalArgumentException("'" + address + "' is not a plain address such as report@example.org");
        }
        return new ReportAddress(trimmed.substring(0, at), trimmed.substring(at + 1));
    }

    /** True for the address itself and for any of its sub-addresses. */
    public boolean matches(String recipient) {
        return split(recipient).isPresent();
    }

    /**
     * The scope a recipient address asks for: empty for the plain address, the named scope for a
     * sub-address such as {@code +amber}, and RED for a sub-address that names none.
     */
    public Optional<ScopeChoice> requestedBy(String recipient) {
        return split(recipient).flatMap(tag -> tag.isEmpty() ? Optional.empty()
                : Optional.of(new ScopeChoice(Scope.parseOrRed(tag), ScopeChoice.Origin.SUBADDRESS)));
    }

    public String address() {
        return localPart + "@" + domain;
    }

    public String domain() {
        return domain;
    }

    /** The sub-address tag ("" for none) when {@code recipient} is this address. */
    private Optional<String> split(String recipient) {
        if (recipient == null) {
            return Optional.empty();
        }
        String normalised = recipient.strip().toLowerCase(Locale.ROOT);
        int at = normalised.lastIndexOf('@');
        if (at <= 0 || !normalised.substring(at + 1).equals(domain)) {
            return Optional.empty();
        }
        String local = normalised.substring(0, at);
        if (local.equals(localPart)) {
            return Optional.of("");
        }
        if (local.startsWith(localPart + "+")) {
            return Optional.of(local.substring(localPart.length() + 1));
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return address();
    }
}
