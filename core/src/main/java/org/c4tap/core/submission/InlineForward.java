package org.c4tap.core.submission;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a mail forwarded inline (in the body of the forward rather than attached) and reads its
 * header block, the way the common mail clients write it:
 *
 * <ul>
 *   <li>Outlook, Japanese and English: an underscore rule or "-----Original Message-----", then
 *       {@code 差出人: / 送信日時: / 宛先: / CC: / 件名:} or {@code From: / Sent: / To: / Cc: / Subject:};</li>
 *   <li>Gmail: {@code ---------- Forwarded message ---------} (or {@code 転送されたメッセージ});</li>
 *   <li>Thunderbird: {@code -------- Forwarded Message --------} or {@code -------- 転送メッセージ --------};</li>
 *   <li>Apple Mail: {@code Begin forwarded message:} (or {@code 転送されたメッセージ:}).</li>
 * </ul>
 *
 * The first block is the mail the employee forwarded; anything the attacker quoted inside it stays
 * part of its body. Lines may carry quote markers ({@code > }) and full-width colons.
 */
public final class InlineForward {

    /** Which client's layout the block matched. */
    public enum Style {
        OUTLOOK("outlook"), GMAIL("gmail"), THUNDERBIRD("thunderbird"), APPLE_MAIL("apple_mail"), HEADER_BLOCK("header_block");

        private final String key;

        Style(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** A header field of a forward block. */
    public enum Field { FROM, DATE, TO, CC, SUBJECT, REPLY_TO }

    /**
     * A forward block found in the text.
     *
     * @param offset where the block (its separator, or its first header line) starts in the text
     * @param body   the forwarded mail's text, below the header block
     */
    public record Block(Style style, Map<Field, String> fields, String body, int offset) {
        public Block {
            fields = Map.copyOf(fields);
        }

        public String field(Field field) {
            return fields.getOrDefault(field, "");
        }
    }

    private static final Pattern GMAIL = Pattern.compile("^[ \\t>]*-{9,}\\s*(Forwarded message|転送されたメッセージ|Mensaje reenviado|Message transféré)\\s*-{3,}\\s*$",
            Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);
    private static final Pattern THUNDERBIRD = Pattern.compile("^[ \\t>]*-{5,8}\\s*(Forwarded Message|Original Message|転送メッセージ|元のメッセージ)\\s*-{5,}\\s*$",
            Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);
    private static final Pattern APPLE = Pattern.compile("^[ \\t>]*(Begin forwarded message|転送されたメッセージ)\\s*[:：]\\s*$",
            Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);
    private static final Pattern OUTLOOK_RULE = Pattern.compile("^[ \\t>]*(_{10,}|-{5}\\s*(Original Message|元のメッセージ|オリジナル メッセージ)\\s*-{5})\\s*$",
            Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_LINE = Pattern.compile("^[ \\t>]*\\**([A-Za-z\\-\uFF21-\uFF3A\uFF41-\uFF5A\uFF0D]+|[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}ー]+)\\**[ \\t]*[:：][ \\t]*(.*)$");
    private static final int MAX_HEADER_LINES = 40;
    private static final int MAX_SCAN_CHARS = 2_000_000;

    private InlineForward() {
    }

    /** The first forward block of the text, if any. */
    public static Optional<Block> find(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        String scanned = text.length() > MAX_SCAN_CHARS ? text.substring(0, MAX_SCAN_CHARS) : text;
        List<Optional<Block>> candidates = new ArrayList<>();
        candidates.add(afterSeparator(scanned, GMAIL, Style.GMAIL));
        candidates.add(afterSeparator(scanned, THUNDERBIRD, Style.THUNDERBIRD));
        candidates.add(afterSeparator(scanned, APPLE, Style.APPLE_MAIL));
        candidates.add(afterSeparator(scanned, OUTLOOK_RULE, Style.OUTLOOK));
        candidates.add(bareHeaderBlock(scanned));
        return candidates.stream().flatMap(Optional::stream).min((a, b) -> Integer.compare(a.offset(), b.offset()));
    }

    private static Optional<Block> afterSeparator(String text, Pattern separator, Style style) {
        Matcher matcher = separator.matcher(text);
        while (matcher.find()) {
            Optional<Block> block = headerBlock(text, skipBlankLines(text, lineEnd(text, matcher.end())), matcher.start(), style);
            if (block.isPresent()) {
                return block;
            }
        }
        return Optional.empty();
    }

    /** Outlook sometimes writes the header block with no rule above it, after a blank line. */
    private static Optional<Block> bareHeaderBlock(String text) {
        Matcher line = Pattern.compile("^[ \\t>]*\\**(From|差出人|送信者)\\**[ \\t]*[:：]", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE).matcher(text);
        while (line.find()) {
            int start = line.start();
            Optional<Block> block = headerBlock(text, start, start, Style.HEADER_BLOCK);
            if (block.isPresent() && block.get().fields().size() >= 3 && block.get().fields().containsKey(Field.SUBJECT)) {
                return block;
            }
        }
        return Optional.empty();
    }

    private static Optional<Block> headerBlock(String text, int start, int offset, Style style) {
        Map<Field, String> fields = new EnumMap<>(Field.class);
        int position = start;
        Field last = null;
        int lines = 0;
        while (position < text.length() && lines++ < MAX_HEADER_LINES) {
            int end = lineEnd(text, position);
            String line = text.substring(position, end).replace("\r", "");
            String unquoted = withoutQuoteMarks(line);
            if (unquoted.isBlank()) {
                position = nextLine(text, end);
                break;
            }
            Matcher header = HEADER_LINE.matcher(line);
            Field field = header.matches() ? field(header.group(1)) : null;
            if (field != null) {
                fields.putIfAbsent(field, header.group(2).strip());
                last = field;
            } else if (last != null && (line.startsWith(" ") || line.startsWith("\t"))) {
                fields.put(last, (fields.get(last) + " " + unquoted.strip()).strip());
            } else if (fields.isEmpty()) {
                return Optional.empty();
            } else {
                break;
            }
            position = nextLine(text, end);
        }
        if (!fields.containsKey(Field.FROM) || !(fields.containsKey(Field.SUBJECT) || fields.containsKey(Field.DATE))) {
            return Optional.empty();
        }
        return Optional.of(new Block(style, fields, text.substring(Math.min(position, text.length())).strip(), offset));
    }

    static Field field(String name) {
        // Japanese IMEs type field names in full-width letters too ("Ｃｃ："): NFKC makes them ASCII
        return switch (java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)) {
            case "from", "差出人", "送信者", "von", "de" -> Field.FROM;
            case "date", "sent", "送信日時", "日付", "日時", "送信日", "datum", "envoyé", "fecha" -> Field.DATE;
            case "to", "宛先", "受信者", "an", "à", "para" -> Field.TO;
            case "cc" -> Field.CC;
            case "subject", "件名", "タイトル", "betreff", "objet", "asunto" -> Field.SUBJECT;
            case "reply-to", "返信先" -> Field.REPLY_TO;
            default -> null;
        };
    }

    private static int lineEnd(String text, int from) {
        int end = text.indexOf('\n', from);
        return end < 0 ? text.length() : end;
    }

    private static int nextLine(String text, int lineEnd) {
        return Math.min(text.length(), lineEnd + 1);
    }

    private static int skipBlankLines(String text, int from) {
        int position = Math.min(text.length(), from + 1);
        while (position < text.length()) {
            int end = lineEnd(text, position);
            if (!withoutQuoteMarks(text.substring(position, end)).isBlank()) {
                break;
            }
            position = nextLine(text, end);
        }
        return position;
    }

    /**
     * The line without its leading quote marks ("> > "): whitespace, then each {@code >} with at
     * most one space or tab after it; the line as it is when it has none. A forward scan: a pattern
     * with a repeated group recursed once per quote mark, and a line of tens of thousands of them
     * overflowed the stack.
     */
    private static String withoutQuoteMarks(String line) {
        int position = 0;
        while (position < line.length() && (line.charAt(position) == ' ' || line.charAt(position) == '\t')) {
            position++;
        }
        boolean quoted = false;
        while (position < line.length() && line.charAt(position) == '>') {
            quoted = true;
            position++;
            if (position < line.length() && (line.charAt(position) == ' ' || line.charAt(position) == '\t')) {
                position++;
            }
        }
        return quoted ? line.substring(position) : line;
    }
}
