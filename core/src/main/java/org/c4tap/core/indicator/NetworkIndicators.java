package org.c4tap.core.indicator;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPv4 and IPv6 addresses, e-mail addresses and host names found in text (refanged first). E-mail
 * addresses are matched leniently, since old Japanese mobile-carrier addresses
 * ({@code a..b@docomo.ne.jp}) break the RFC but are real.
 *
 * <p>A host name outside a URL counts only where the text says it is one: defanged
 * ({@code evil-login[.]example}, as analysts and careful reporters write them) or starting with
 * {@code www.}. Any other dotted word may be a file name ({@code invoice.zip}, {@code readme.md})
 * as well as a host, and a list of indicators that guesses is one nobody can block from.
 */
public final class NetworkIndicators {

    private static final int MAX_EACH = 500;
    private static final Pattern IPV4 = Pattern.compile("(?<![\\d.])((?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3})(?![\\d.]*\\d)");
    // {0,7}: an address has eight groups at most, and an unbounded repeated group overflowed the stack on ":1:1:1…"
    private static final Pattern IPV6 = Pattern.compile("(?<![0-9A-Fa-f:])((?:[0-9A-Fa-f]{1,4}:){2,7}:?[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{1,4}){0,7}|::(?:[0-9A-Fa-f]{1,4}:){0,6}[0-9A-Fa-f]{1,4})(?![0-9A-Fa-f:])");
    // At most 126 labels before the top-level domain, as in DNS: an unbounded repeated group recursed
    // once per label, and "x@a.a.a.…" with some thousands of labels overflowed the stack.
    private static final Pattern EMAIL = Pattern.compile(AddressMatches.LOCAL_PART + "{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.){1,126}[A-Za-z]{2,63}");

    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final String DEFANGED_DOT = "\\[\\.\\]|\\(\\.\\)|\\{\\.\\}|\\[dot\\]|\\(dot\\)";
    // Bounded like EMAIL's domain; the look-arounds keep a match from starting or ending mid-word,
    // and from starting in a URL's path or query (hxxp://a[.]example/kit[.]php names one host)
    private static final Pattern DEFANGED_HOST = Pattern.compile("(?i)(?<![A-Za-z0-9._/?=&%#-])((?:" + LABEL + "(?:\\.|"
            + DEFANGED_DOT + ")){1,126}[A-Za-z]{2,63})(?![A-Za-z0-9-])");
    private static final Pattern HAS_DEFANGED_DOT = Pattern.compile("(?i)" + DEFANGED_DOT);
    private static final Pattern WWW_HOST = Pattern.compile("(?i)(?<![A-Za-z0-9.@/-])(www\\.(?:" + LABEL
            + "\\.){1,125}[A-Za-z]{2,63})(?![A-Za-z0-9-])");

    private final Set<String> ipv4 = new LinkedHashSet<>();
    private final Set<String> ipv6 = new LinkedHashSet<>();
    private final Set<String> emails = new LinkedHashSet<>();
    private final Set<String> hosts = new LinkedHashSet<>();

    public NetworkIndicators add(String text) {
        if (text == null || text.isEmpty()) {
            return this;
        }
        String refanged = Refang.text(text);
        Matcher defanged = DEFANGED_HOST.matcher(text);
        while (!refanged.equals(text) && defanged.find() && hosts.size() < MAX_EACH) {
            if (HAS_DEFANGED_DOT.matcher(defanged.group(1)).find()) {
                hosts.add(Refang.text(defanged.group(1)).toLowerCase(Locale.ROOT));
            }
        }
        Matcher www = WWW_HOST.matcher(refanged);
        while (www.find() && hosts.size() < MAX_EACH) {
            hosts.add(www.group(1).toLowerCase(Locale.ROOT));
        }
        Matcher v4 = IPV4.matcher(refanged);
        while (v4.find() && ipv4.size() < MAX_EACH) {
            if (isPublic(v4.group(1))) {
                ipv4.add(v4.group(1));
            }
        }
        Matcher v6 = IPV6.matcher(refanged);
        while (v6.find() && ipv6.size() < MAX_EACH) {
            canonicalIpv6(v6.group(1)).ifPresent(ipv6::add);
        }
        for (java.util.regex.MatchResult email : AddressMatches.in(refanged, EMAIL, 64)) {
            if (emails.size() >= MAX_EACH) {
                break;
            }
            addEmail(email.group());
        }
        return this;
    }

    public NetworkIndicators addEmail(String address) {
        if (address != null && address.indexOf('@') > 0 && emails.size() < MAX_EACH) {
            emails.add(address.strip().toLowerCase(Locale.ROOT));
        }
        return this;
    }

    public List<String> ipv4() {
        return List.copyOf(ipv4);
    }

    public List<String> ipv6() {
        return List.copyOf(ipv6);
    }

    public List<String> emails() {
        return List.copyOf(emails);
    }

    /** Host names the text shows outside URLs: defanged, or starting with {@code www.}. */
    public List<String> hosts() {
        return List.copyOf(hosts);
    }

    /**
     * Private, loopback, link-local and unspecified addresses say nothing about an attacker and
     * something about the victim's network; they are left out. Only dotted-quad literals reach
     * here, so no name is ever looked up in DNS.
     */
    private static boolean isPublic(String ipv4) {
        try {
            InetAddress address = InetAddress.getByName(ipv4);
            byte[] bytes = address.getAddress();
            boolean sharedSpace = (bytes[0] & 0xFF) == 100 && (bytes[1] & 0xC0) == 64;
            return !(address.isSiteLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                    || address.isAnyLocalAddress() || address.isMulticastAddress() || sharedSpace);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Only literal hex-and-colon strings reach here, so no name is ever looked up in DNS. */
    private static java.util.Optional<String> canonicalIpv6(String candidate) {
        if (candidate.chars().filter(c -> c == ':').count() < 2 || candidate.contains(":::")) {
            return java.util.Optional.empty();
        }
        try {
            InetAddress address = InetAddress.getByName(candidate);
            if (!(address instanceof Inet6Address) || address.isLoopbackAddress() || address.isLinkLocalAddress()
                    || address.isSiteLocalAddress() || address.isAnyLocalAddress() || (address.getAddress()[0] & 0xFE) == 0xFC) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(rfc5952(address.getAddress()));
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }

    /** The RFC 5952 text form: lower case, leading zeros dropped, the longest zero run as "::". */
    static String rfc5952(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
