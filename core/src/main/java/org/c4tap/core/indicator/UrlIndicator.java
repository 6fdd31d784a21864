package org.c4tap.core.indicator;

import java.util.Objects;

/** A URL found in the reported mail, with its host (lower case, empty when it has none). */
public record UrlIndicator(String url, String host) {

    public UrlIndicator {
        Objects.requireNonNull(url, "url");
        host = host == null ? "" : host;
    }
}
