package org.c4tap.core.scope;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The operator's rules for labelling a report: each part's default scope and the widest scope it
 * may ever have. A reporter's request replaces the defaults but is cut back to each part's widest.
 *
 * <p>The standard widest scopes keep the victim's identity close: the reporter and the providing
 * organisation's name stay RED, the original headers and body (which name internal recipients)
 * and the provider's sector stay within AMBER, and the technical indicators may go as far as the
 * reporter allows.
 */
public record ScopePolicy(Map<Part, Scope> defaults, Map<Part, Scope> widest) {

    public static final Map<Part, Scope> STANDARD_WIDEST = standardWidest();

    public ScopePolicy {
        defaults = complete(defaults, Scope.RED);
        widest = complete(widest, Scope.RED);
        for (Part part : Part.values()) {
            if (!widest.get(part).includes(defaults.get(part))) {
                throw new IllegalArgumentException("the default scope of " + part.key() + " (" + defaults.get(part)
                        + ") is wider than its widest scope (" + widest.get(part) + ")");
            }
        }
    }

    /** Every part defaults to {@code defaultScope}, cut back to the standard widest scopes. */
    public static ScopePolicy standard(Scope defaultScope) {
        Objects.requireNonNull(defaultScope, "defaultScope");
        EnumMap<Part, Scope> defaults = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            defaults.put(part, defaultScope.narrowest(STANDARD_WIDEST.get(part)));
        }
        return new ScopePolicy(defaults, STANDARD_WIDEST);
    }

    /**
     * A policy from configuration: every part defaults to {@code defaultScope} unless
     * {@code partDefaults} names its own, and may be no wider than the standard widest scope
     * unless {@code widestOverrides} changes it. An implied default wider than a part's widest is
     * cut back; an explicit one is an error, since the administrator asked for the impossible.
     */
    public static ScopePolicy configured(Scope defaultScope, Map<Part, Scope> partDefaults, Map<Part, Scope> widestOverrides) {
        EnumMap<Part, Scope> widest = new EnumMap<>(STANDARD_WIDEST);
        widest.putAll(widestOverrides);
        EnumMap<Part, Scope> defaults = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            defaults.put(part, partDefaults.containsKey(part) ? partDefaults.get(part) : defaultScope.narrowest(widest.get(part)));
        }
        return new ScopePolicy(defaults, widest);
    }

    /**
     * Reads {@code part=SCOPE} pairs such as {@code "indicators=GREEN, headers=AMBER"}; throws with
     * the legal names when a part or scope is unknown.
     */
    public static Map<Part, Scope> parseAssignments(String text) {
        EnumMap<Part, Scope> assignments = new EnumMap<>(Part.class);
        if (text == null || text.isBlank()) {
            return assignments;
        }
        for (String pair : text.split("[,;\\s]+")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals).strip();
            Part part = Part.fromKey(name.toLowerCase(java.util.Locale.ROOT)).orElseThrow(() -> new IllegalArgumentException(
                    "'" + name + "' is not a part; the parts are " + java.util.Arrays.stream(Part.values()).map(Part::key).toList()));
            String label = equals < 0 ? "" : pair.substring(equals + 1).strip();
            Scope scope = Scope.parse(label).orElseThrow(() -> new IllegalArgumentException(
                    "'" + label + "' for " + part.key() + " is not one of RED, AMBER, YELLOW, GREEN, WHITE"));
            assignments.put(part, scope);
        }
        return assignments;
    }

    /** Each part's scope for a submission: the request cut back to the widest, or the defaults. */
    public PartScopes assign(ScopeChoice choice) {
        EnumMap<Part, Scope> scopes = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            Scope scope = choice.requested() ? choice.scope() : defaults.get(part);
            scopes.put(part, scope.narrowest(widest.get(part)));
        }
        return PartScopes.of(scopes);
    }

    /** Returns a copy with one part's default and widest replaced. */
    public ScopePolicy with(Part part, Scope partDefault, Scope partWidest) {
        EnumMap<Part, Scope> newDefaults = new EnumMap<>(defaults);
        EnumMap<Part, Scope> newWidest = new EnumMap<>(widest);
        newDefaults.put(part, partDefault);
        newWidest.put(part, partWidest);
        return new ScopePolicy(newDefaults, newWidest);
    }

    private static Map<Part, Scope> complete(Map<Part, Scope> given, Scope missing) {
        EnumMap<Part, Scope> map = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            map.put(part, given == null ? missing : given.getOrDefault(part, missing));
        }
        return Map.copyOf(map);
    }

    private static Map<Part, Scope> standardWidest() {
        EnumMap<Part, Scope> map = new EnumMap<>(Part.class);
        map.put(Part.INDICATORS, Scope.WHITE);
        map.put(Part.ATTACHMENTS, Scope.WHITE);
        map.put(Part.SPAM, Scope.WHITE);
        map.put(Part.HEADERS, Scope.AMBER);
        map.put(Part.BODY, Scope.AMBER);
        map.put(Part.PROVIDER_SECTOR, Scope.AMBER);
        map.put(Part.PROVIDER_NAME, Scope.RED);
        map.put(Part.REPORTER, Scope.RED);
        return Map.copyOf(map);
    }
}
