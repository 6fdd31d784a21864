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

/**
 * Finds URLs in text and in HTML. Keeps the order of first appearance and drops duplicates; a URL
 * that cannot be parsed is still reported, with no host.
 */
public final class UrlExtractor {

    private static final int MAX_URLS = 1000;
    private static final int MAX_URL_LENGTH = 4096;
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?|ftp)://[^\\s<>\"'`\\u3000-\\u30ff\\uff00-\\uffef]+");
    private static final Pattern HREF = Pattern.compile("(?i)\\bhref\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))");
    private static final String TRAILING = ".,;:!?)]}>";

    private final Map<String, UrlIndicator> found = new LinkedHashMap<>();

    public UrlExtractor addText(String text) {
        if (text != null) {
            Matcher matcher = URL.matcher(text);
            while (matcher.find() && found.size() < MAX_URLS) {
                add(matcher.group());
            }
        }
        return this;
    }

    public UrlExtractor addHtml(String html) {
        if (html != null) {
            Matcher matcher = HREF.matcher(html);
            while (matcher.find() && found.size() < MAX_URLS) {
                String value = matcher.group(1) != null ? matcher.group(1)
                        : matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
                String unescaped = value.replace("&amp;", "&").strip();
                if (URL.matcher(unescaped).lookingAt()) {
                    add(unescaped);
                }
            }
            addText(html.replaceAll("<[^>]*>", " "));
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

    private void add(String candidate) {
        String url = trimTrailing(candidate);
        if (url.length() > MAX_URL_LENGTH) {
            url = url.substring(0, MAX_URL_LENGTH);
        }
        found.putIfAbsent(url, new UrlIndicator(url, hostOf(url)));
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
