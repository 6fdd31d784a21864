package org.c4tap.core.indicator;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.c4tap.core.text.HtmlText;

/**
 * Finds URLs in text and in HTML links. Keeps the order of first appearance and drops duplicates;
 * refangs defanged URLs; flags a link whose visible text shows another host than its target (the
 * classic phishing link). A URL that cannot be parsed is still reported, with a leniently read
 * host.
 */
public final class UrlExtractor {

    private static final int MAX_URLS = 1000;
    private static final int MAX_URL_LENGTH = 4096;
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?|ftp)://[^\\s<>\"'`\\u3000-\\u30ff\\uff00-\\uffef\\u4e00-\\u9fff]+");
    // Labels of at most 63 characters, at most 126 of them before the TLD, as in DNS: an unbounded
    // repeated group recursed once per label and overflowed the stack on "a.a.a.…", and an
    // unbounded label backtracked over the rest of a long word from every position in it.
    private static final Pattern HOST_IN_TEXT = Pattern.compile("(?i)(?:https?://)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.){1,126}[a-z]{2,63})\\b");
    private static final String TRAILING = ".,;:!?)]}>'\"";

    private final Map<String, UrlIndicator> found = new LinkedHashMap<>();
    /** The visible text of links: a URL shown as a link's text is that link's, not a URL of its own. */
    private final Set<String> shownAsLinkText = new java.util.HashSet<>();

    public UrlExtractor addText(String text) {
        if (text == null) {
            return this;
        }
        scan(text, false);
        String refanged = Refang.text(text);
        if (!refanged.equals(text)) {
            scan(refanged, true);
        }
        return this;
    }

    public UrlExtractor addLinks(List<HtmlText.Link> links) {
        for (HtmlText.Link link : links) {
            if (found.size() >= MAX_URLS) {
                break;
            }
            String target = trimTrailing(link.href().strip());
            if (!URL.matcher(target).lookingAt()) {
                continue;
            }
            String host = hostOf(target);
            String visible = link.text().length() > 500 ? link.text().substring(0, 500) : link.text();
            shownAsLinkText.add(trimTrailing(visible.strip()));
            boolean deceptive = showsOtherHost(visible, host);
            UrlIndicator existing = found.get(target);
            if (existing == null || existing.text().isEmpty()) {
                found.put(target, new UrlIndicator(cap(target), host, visible, deceptive, false));
            }
        }
        return this;
    }

    public UrlExtractor addHtml(String html) {
        if (html != null && !html.isEmpty()) {
            HtmlText.Rendering rendering = HtmlText.render(html);
            addLinks(rendering.links());
            addText(rendering.text());
        }
        return this;
    }

    public List<UrlIndicator> urls() {
        return new ArrayList<>(found.values());
    }

    /** The distinct hosts of the URLs found, in order of appearance. */
    public List<String> domains() {
        Set<String> domains = new LinkedHashSet<>();
        for (UrlIndicator url : found.values()) {
            if (!url.host().isEmpty()) {
                domains.add(url.host());
            }
        }
        return new ArrayList<>(domains);
    }

    private void scan(String text, boolean refanged) {
        Matcher matcher = URL.matcher(text);
        while (matcher.find() && found.size() < MAX_URLS) {
            String url = cap(trimTrailing(matcher.group()));
            if (!shownAsLinkText.contains(url)) {
                found.putIfAbsent(url, new UrlIndicator(url, hostOf(url), "", false, refanged));
            }
        }
    }

    /** The visible text names a host, and not the one the link goes to. */
    static boolean showsOtherHost(String visible, String targetHost) {
        Matcher matcher = HOST_IN_TEXT.matcher(visible);
        if (!matcher.find() || targetHost.isEmpty()) {
            return false;
        }
        String shown = matcher.group(1).toLowerCase(Locale.ROOT);
        return !sameSite(shown, targetHost);
    }

    private static boolean sameSite(String a, String b) {
        String x = a.startsWith("www.") ? a.substring(4) : a;
        String y = b.startsWith("www.") ? b.substring(4) : b;
        return x.equals(y);
    }

    private static String cap(String url) {
        return url.length() > MAX_URL_LENGTH ? url.substring(0, MAX_URL_LENGTH) : url;
    }

    private static String trimTrailing(String url) {
        int end = url.length();
        while (end > 0 && TRAILING.indexOf(url.charAt(end - 1)) >= 0) {
            end--;
        }
        return url.substring(0, end);
    }

    static String hostOf(String url) {
        try {
            String host = URI.create(url).getHost();
            if (host != null) {
                return host.toLowerCase(Locale.ROOT);
            }
        } catch (IllegalArgumentException unparsable) {
            // fall through to the lenient reading below
        }
        int start = url.indexOf("://");
        if (start < 0) {
            return "";
        }
        String rest = url.substring(start + 3);
        int end = 0;
        while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        String authority = rest.substring(0, end);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        int colon = authority.lastIndexOf(':');
        if (colon > 0 && !authority.startsWith("[")) {
            authority = authority.substring(0, colon);
        }
        return authority.toLowerCase(Locale.ROOT);
    }
}
