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
 *
 * <p>Tags, comments and hidden elements are found by scans that go forward only, as a browser's
 * tokenizer does. Regular expressions did this before: one with an alternation inside a loop
 * recursed once per character of a tag, so that a tag of a few thousand characters (a long style
 * attribute) overflowed the stack; lazy ones searched to the end again for each unclosed
 * {@code <script>} or comment, which costs quadratic time.
 */
public final class HtmlText {

    private static final List<String> HIDDEN = List.of("script", "style", "head", "title");
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
        String cleaned = withoutHidden(html);
        StringBuilder text = new StringBuilder(cleaned.length() / 2);
        List<Link> links = new ArrayList<>();
        int position = 0;
        String openHref = null;
        int openAt = 0;
        for (Tag tag = Tag.next(cleaned, 0); tag != null; tag = Tag.next(cleaned, tag.end())) {
            text.append(entities(cleaned.substring(position, tag.start()).replaceAll("\\s+", " ")));
            position = tag.end();
            String name = tag.name().toLowerCase(Locale.ROOT);
            if (name.equals("a")) {
                if (!tag.closing()) {
                    Matcher href = HREF.matcher(tag.attributes());
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
                text.append(tag.closing() ? "" : " ");
            }
        }
        text.append(entities(cleaned.substring(position).replaceAll("\\s+", " ")));
        if (openHref != null && links.size() < MAX_LINKS) {
            links.add(new Link(openHref.strip(), text.substring(openAt).strip(), openAt));
        }
        String rendered = text.toString().replace('\u00A0', ' ').replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n");
        return new Rendering(rendered, links);
    }

    /**
     * The HTML without comments and without the script, style, head and title elements, each
     * replaced by a space. An element or comment that is never closed stays, as text.
     */
    static String withoutHidden(String html) {
        String lower = asciiLowerCase(html);
        int candidates = HIDDEN.size() + 1; // the hidden elements, then comments
        int[] next = new int[candidates];
        java.util.Arrays.fill(next, -2);
        boolean[] unclosed = new boolean[candidates];
        StringBuilder out = new StringBuilder(html.length());
        int position = 0;
        while (true) {
            int best = -1;
            for (int i = 0; i < candidates; i++) {
                if (unclosed[i]) {
                    continue;
                }
                if (next[i] != -1 && next[i] < position) {
                    next[i] = i < HIDDEN.size() ? opening(lower, HIDDEN.get(i), position) : lower.indexOf("<!--", position);
                }
                if (next[i] >= 0 && (best < 0 || next[i] < next[best])) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            int start = next[best];
            int end = best < HIDDEN.size() ? elementEnd(lower, HIDDEN.get(best), start) : commentEnd(lower, start);
            if (end < 0) {
                unclosed[best] = true; // no later one can be closed either
                continue;
            }
            out.append(html, position, start).append(' ');
            position = end;
        }
        return out.append(html, position, html.length()).toString();
    }

    /** Where {@code <name} begins at or after {@code from}, the name ending there; -1 when nowhere. */
    private static int opening(String lower, String name, int from) {
        for (int at = lower.indexOf("<" + name, from); at >= 0; at = lower.indexOf("<" + name, at + 1)) {
            int after = at + 1 + name.length();
            if (after >= lower.length() || !Tag.isWordCharacter(lower.charAt(after))) {
                return at;
            }
        }
        return -1;
    }

    /** The end of the element that opens at {@code start}, after its {@code </name >}; -1 when it never closes. */
    private static int elementEnd(String lower, String name, int start) {
        int content = lower.indexOf('>', start);
        if (content < 0) {
            return -1;
        }
        String closing = "</" + name;
        for (int at = lower.indexOf(closing, content + 1); at >= 0; at = lower.indexOf(closing, at + 1)) {
            int end = at + closing.length();
            while (end < lower.length() && isSpace(lower.charAt(end))) {
                end++;
            }
            if (end < lower.length() && lower.charAt(end) == '>') {
                return end + 1;
            }
        }
        return -1;
    }

    private static int commentEnd(String lower, int start) {
        int close = lower.indexOf("-->", start + 4);
        return close < 0 ? -1 : close + 3;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** Lower case for ASCII letters only, so that every index stays where it was. */
    private static String asciiLowerCase(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'A' && chars[i] <= 'Z') {
                chars[i] = (char) (chars[i] + ('a' - 'A'));
            }
        }
        return new String(chars);
    }

    /**
     * A tag: {@code <name attributes>} or {@code </name …>}, the name an ASCII letter and letters or
     * digits, attribute values in quotes may hold {@code >}.
     */
    record Tag(int start, int end, boolean closing, String name, String attributes) {

        /** The first tag at or after {@code from}, or null when the rest holds none. */
        static Tag next(String html, int from) {
            for (int open = html.indexOf('<', from); open >= 0; open = html.indexOf('<', open + 1)) {
                int nameStart = open + 1;
                boolean closing = nameStart < html.length() && html.charAt(nameStart) == '/';
                if (closing) {
                    nameStart++;
                }
                if (nameStart >= html.length() || !isAsciiLetter(html.charAt(nameStart))) {
                    continue;
                }
                int nameEnd = nameStart + 1;
                while (nameEnd < html.length() && (isAsciiLetter(html.charAt(nameEnd)) || isAsciiDigit(html.charAt(nameEnd)))) {
                    nameEnd++;
                }
                if (nameEnd < html.length() && isWordCharacter(html.charAt(nameEnd))) {
                    continue; // as "<a_b" or "<aあ": not a tag name that ends there
                }
                int end = nameEnd;
                char quote = 0;
                while (end < html.length()) {
                    char c = html.charAt(end);
                    if (quote != 0) {
                        quote = c == quote ? 0 : quote;
                    } else if (c == '"' || c == '\'') {
                        quote = c;
                    } else if (c == '>') {
                        break;
                    }
                    end++;
                }
                if (end >= html.length()) {
                    return null; // unfinished: the rest stays text
                }
                return new Tag(open, end + 1, closing, html.substring(nameStart, nameEnd), html.substring(nameEnd, end));
            }
            return null;
        }

        private static boolean isAsciiLetter(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }

        private static boolean isAsciiDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isWordCharacter(char c) {
            return Character.isLetterOrDigit(c) || c == '_';
        }
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
