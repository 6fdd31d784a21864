package org.c4tap.core.outlook;

/**
 * A sender or recipient as Outlook stores it: a display name and, when one is known, an Internet
 * address. Exchange-internal (X.500) addresses are never given as the address.
 *
 * @param name    the display name, or the empty string
 * @param address the SMTP address, or the empty string
 */
public record OutlookMailbox(String name, String address) {

    public static final OutlookMailbox NONE = new OutlookMailbox("", "");

    private static final String SPECIALS = "()<>[]:;@\\,.\"";

    public OutlookMailbox {
        name = name == null ? "" : name.strip();
        address = address == null ? "" : address.strip();
    }

    /**
     * The mailbox as a header would show it: {@code Name <address>}, the address alone, or the
     * name alone. A name that is the address itself is not repeated.
     */
    public String formatted() {
        if (address.isEmpty()) {
            return name;
        }
        if (name.isEmpty() || name.equalsIgnoreCase(address)) {
            return address;
        }
        return quoted(name) + " <" + address + ">";
    }

    private static String quoted(String name) {
        if (name.chars().noneMatch(c -> SPECIALS.indexOf(c) >= 0)) {
            return name;
        }
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
