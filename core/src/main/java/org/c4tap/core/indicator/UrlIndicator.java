package org.c4tap.core.indicator;

import java.util.Objects;

/**
 * A URL found in the reported mail.
 *
 * @param url       the URL, refanged when it was written defanged (hxxp, [.])
 * @param host      its host, lower case, empty when it has none
 * @param text      the visible text of the link in HTML, or the empty string
 * @param deceptive the visible text shows a different host than the link goes to
 * @param refanged  the mail wrote it defanged (hxxp://evil[.]example)
 */
public record UrlIndicator(String url, String host, String text, boolean deceptive, boolean refanged) {

    public UrlIndicator {
        Objects.requireNonNull(url, "url");
        host = host == null ? "" : host;
        text = text == null ? "" : text;
    }

    public UrlIndicator(String url, String host) {
        this(url, host, "", false, false);
    }
}
