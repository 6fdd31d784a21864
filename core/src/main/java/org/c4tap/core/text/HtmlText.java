package org.c4tap.core.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The readable text of an HTML body and the links in it, without a full HTML parser: block
 * elements become line breaks, scripts and styles are dropped, entities are decoded. Each link
 * keeps its visible text and where that text landed in the result, so that a forwarded mail's
 * links can be told from the forwarder's own.
 */
public final class HtmlText {

    private static final Pattern DROPPED = Pattern.compile("(?is)<(script|style|head|title)\\b[^>]*>.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern TAG = Pattern.compile("(?s)<(/?)([a-zA-Z][a-zA-Z0-9]*)\\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>");
    private static final Pattern HREF = Pattern.compile("(?is)\\bhref\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))");
    private static final Pattern ENTITY = Pattern.compile("&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});");
    private static final List<String> BLOCKS = List.of("br", "p", "div", "tr", "li", "table", "h1", "h2", "h3", "h4", "h5",
            "h6", "blockquote", "hr", "pre", "ul", "ol", "dl", "dt", "dd", "section", "article", "header", "footer");
    private static final int MAX_LINKS = 1000;

    private HtmlText() {
    }

    /** A link: its target as written, its visible text, and where that text starts in the rendering. */
    public record Link(String href, String text, int offset) {
    }

    public record Rendering(String text, List<Link> links) {
        public Rendering {
            links = List.copyOf(links);
        }
    }

    public static Rendering render(String html) {
        String cleaned = DROPPED.matcher(html).replaceAll(" ");
        StringBuilder text = new StringBuilder(cleaned.length() / 2);
        List<Link> links = new ArrayList<>();
        Matcher tag = TAG.matcher(cleaned);
        int position = 0;
        String openHref = null;
        int openAt = 0;
        while (tag.find()) {
            text.append(entities(cleaned.substring(position, tag.start()).replaceAll("\\s+", " ")));
            position = tag.end();
            String name = tag.group(2).toLowerCase(Locale.ROOT);
            boolean closing = !tag.group(1).isEmpty();
            if (name.equals("a")) {
                if (!closing) {
                    Matcher href = HREF.matcher(tag.group(3));
                    openHref = href.find() ? entities(first(href)) : null;
                    openAt = text.length();
                } else if (openHref != null) {
                    if (links.size() < MAX_LINKS) {
                        links.add(new Link(openHref.strip(), text.substring(openAt).strip(), openAt));
                    }
                    openHref = null;
                }
            } else if (BLOCKS.contains(name)) {
                text.append('\n');
            } else if (name.equals("td") || name.equals("th")) {
                text.append(closing ? "" : " ");
            }
        }
        text.append(entities(cleaned.substring(position).replaceAll("\\s+", " ")));
        if (openHref != null && links.size() < MAX_LINKS) {
            links.add(new Link(openHref.strip(), text.substring(openAt).strip(), openAt));
        }
        String rendered = text.toString().replace('\u00A0', ' ').replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n");
        return new Rendering(rendered, links);
    }

    private static String first(Matcher href) {
        return href.group(1) != null ? href.group(1) : href.group(2) != null ? href.group(2) : href.group(3);
    }

    static String entities(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher matcher = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            String entity = matcher.group(1);
            String replacement;
            if (entity.startsWith("#x") || entity.startsWith("#X")) {
                replacement = codePoint(Integer.parseInt(entity.substring(2), 16), matcher.group());
            } else if (entity.startsWith("#")) {
                replacement = codePoint(Integer.parseInt(entity.substring(1)), matcher.group());
            } else {
                replacement = switch (entity.toLowerCase(Locale.ROOT)) {
                    case "amp" -> "&";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "quot" -> "\"";
                    case "apos" -> "'";
                    case "nbsp" -> " ";
                    case "yen" -> "¥";
                    case "copy" -> "©";
                    default -> matcher.group();
                };
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String codePoint(int value, String original) {
        return Character.isValidCodePoint(value) && value != 0 ? new String(Character.toChars(value)) : original;
    }
}
