package org.c4tap.core.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.c4tap.core.inspection.HostileArchives;

/**
 * Hostile and malformed submissions, generated (no downloaded data, the same bytes every run): each
 * is a carrier mail as an employee forwards it, with the hostile thing inside the reported mail or
 * in the carrier itself. Every case names what a correct gateway does with it: build a report whose
 * {@code notes[]} say what could not be read (and, where it matters, what was read correctly), or
 * refuse it with a reason the reporter is told.
 *
 * <p>Categories: MIME nesting bombs, part-count bombs (10,000 parts), 5 MB headers, missing and
 * duplicated boundaries, broken base64 and quoted-printable, the charset pitfalls of Japanese mail,
 * attachments without a name, with a right-to-left override or with 300-character names, zip bombs,
 * encrypted zips, zips holding zips, Outlook {@code .msg} files cut at random offsets, a byte-order
 * mark before the forwarded message, empty bodies, NUL bytes and 8-bit bytes in headers, and the
 * reported-mail and header-field counts.
 */
public final class HostileCorpus {

    /** The carrier's Message-ID carries the case's index, so that the gateway's answers can be matched to it. */
    public static final String MESSAGE_ID_DOMAIN = "hostile.bank-a.example";
    public static final String EMPLOYEE = "taro.yamada@bank-a.example";
    public static final String REPORT_ADDRESS = "report@bank-a.example";

    private static final Charset ISO_2022_JP = Charset.forName("ISO-2022-JP");
    private static final Charset CP50220 = Charset.forName("x-windows-50220");
    private static final Charset WINDOWS_31J = Charset.forName("windows-31j");
    private static final Charset EUC_JP = Charset.forName("EUC-JP");
    private static final int MB = 1024 * 1024;

    /** What the hostile thing is. */
    public enum Category {
        MIME_NESTING, PART_COUNT, LARGE_HEADER, HEADER_FIELDS, BOUNDARY, BASE64, QUOTED_PRINTABLE, CHARSET, ATTACHMENT_NAME,
        ZIP_BOMB, ENCRYPTED_ARCHIVE, NESTED_ARCHIVE, TRUNCATED_MSG, BYTE_ORDER_MARK, EMPTY_BODY, NUL_IN_HEADER, EIGHT_BIT_HEADER,
        REPORTED_MAIL_COUNT
    }

    /** How the employee forwarded the reported mail. */
    public enum Style {
        /** Thunderbird's and Apple Mail's message/rfc822 part, sent as it is. */
        RFC822,
        /** An {@code .eml} file under application/octet-stream, base64, as webmail attaches it. */
        EML_BASE64
    }

    /** What the gateway must do with a case. */
    public sealed interface Expected permits Reported, Refused {
    }

    /**
     * Reports are built: {@code count} of them (0 for "at least one"); every kind in
     * {@code notes} appears in the first report's notes, and when {@code anyOf} is not empty at
     * least one of its kinds does; {@code check} holds of the reports.
     */
    public record Reported(int count, Set<String> notes, Set<String> anyOf, Check check) implements Expected {
    }

    /** The submission is refused with this reason ({@code nothing_recognised}, {@code too_large}). */
    public record Refused(String reason) implements Expected {
    }

    /** A property of the reports, with what it means in words; the report's JSON tree is the argument. */
    public record Check(String description, java.util.function.Predicate<List<com.fasterxml.jackson.databind.JsonNode>> holds) {
        static final Check NONE = new Check("a report", reports -> true);
    }

    /** One hostile submission. {@code payload} is the hostile part alone, what makes the case distinct. */
    public record Case(int index, String name, Category category, byte[] submission, byte[] payload, Expected expected) {
        public String messageId() {
            return "<hostile-" + index + "@" + MESSAGE_ID_DOMAIN + ">";
        }

        @Override
        public String toString() {
            return String.format("%03d %s", index, name);
        }
    }

    private static List<Case> cached;

    private HostileCorpus() {
    }

    /** Every case, in a fixed order. */
    public static synchronized List<Case> all() {
        if (cached == null) {
            Builder corpus = new Builder();
            nesting(corpus);
            partCount(corpus);
            largeHeaders(corpus);
            headerFields(corpus);
            boundaries(corpus);
            base64(corpus);
            quotedPrintable(corpus);
            charsets(corpus);
            attachmentNames(corpus);
            zipBombs(corpus);
            encryptedArchives(corpus);
            nestedArchives(corpus);
            truncatedMsg(corpus);
            byteOrderMarks(corpus);
            emptyBodies(corpus);
            nulInHeaders(corpus);
            eightBitHeaders(corpus);
            reportedMailCount(corpus);
            cached = List.copyOf(corpus.cases);
        }
        return cached;
    }

    // ------------------------------------------------------------------ categories

    private static void nesting(Builder corpus) {
        for (String subtype : List.of("mixed", "alternative", "related", "signed")) {
            for (int depth : new int[] {21, 50, 200, 1000, 3000}) {
                String body = nested(subtype, depth, part("text/plain", "7bit", "", "deep inside\r\n"));
                corpus.attached(Category.MIME_NESTING, "multipart/" + subtype + " nested " + depth + " deep",
                        reported("nested " + depth, "Content-Type: multipart/" + subtype + "; boundary=\"n0\"\r\n", body),
                        Style.values()[depth % 2], reported(1, Set.of("depth_limit")));
            }
        }
        for (int depth : new int[] {5, 50, 500}) {
            String inner = headers("innermost") + "\r\nthe bottom\r\n";
            for (int i = 0; i < depth; i++) {
                inner = headers("wrapper " + i) + "Content-Type: message/rfc822\r\n\r\n" + inner;
            }
            corpus.attached(Category.MIME_NESTING, "message/rfc822 nested " + depth + " deep", bytes(inner), Style.RFC822,
                    new Reported(1, Set.of(), Set.of(), new Check("the inner messages are one fingerprinted attachment",
                            reports -> reports.get(0).path("attachments").size() == 1
                                    && reports.get(0).path("message").path("subject").asText().equals("wrapper " + (depth - 1)))));
        }
        for (int depth : new int[] {10, 25, 100, 1000}) {
            String attached = "Content-Type: message/rfc822\r\n\r\n" + latin(reported("carrier nesting", "", "")) + "\r\n";
            String body = nested("mixed", depth, attached);
            byte[] carrier = bytes(carrierHeaders("FW: nested") + "Content-Type: multipart/mixed; boundary=\"n0\"\r\n\r\n" + body);
            corpus.add(Category.MIME_NESTING, "carrier nested " + depth + " deep around the reported mail", carrier, body,
                    depth < 20 ? reported(1, Set.of()) : new Refused("nothing_recognised"));
        }
    }

    private static void partCount(Builder corpus) {
        for (int count : new int[] {2001, 5000, 10_000}) {
            StringBuilder empty = new StringBuilder();
            StringBuilder named = new StringBuilder();
            StringBuilder bare = new StringBuilder();
            for (int i = 0; i < count; i++) {
                empty.append("--p\r\nContent-Type: text/plain\r\n\r\n\r\n");
                named.append("--p\r\nContent-Type: application/octet-stream; name=\"f").append(i).append(".bin\"\r\n")
                        .append("Content-Disposition: attachment; filename=\"f").append(i).append(".bin\"\r\n\r\n").append(i).append("\r\n");
                bare.append("--p\r\n\r\n").append(i).append("\r\n");
            }
            for (Map.Entry<String, StringBuilder> shape : Map.of("empty text parts", empty, "named attachments", named,
                    "parts without headers", bare).entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
                corpus.attached(Category.PART_COUNT, count + " " + shape.getKey(),
                        reported(count + " parts", "Content-Type: multipart/mixed; boundary=\"p\"\r\n", shape.getValue() + "--p--\r\n"),
                        Style.values()[count % 2], reported(1, Set.of("part_limit")));
            }
        }
        StringBuilder wide = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            wide.append("--w\r\nContent-Type: multipart/mixed; boundary=\"w").append(i).append("\"\r\n\r\n");
            for (int j = 0; j < 100; j++) {
                wide.append("--w").append(i).append("\r\nContent-Type: text/plain\r\n\r\n").append(j).append("\r\n");
            }
            wide.append("--w").append(i).append("--\r\n");
        }
        corpus.attached(Category.PART_COUNT, "100 multiparts of 100 parts", reported("wide", "Content-Type: multipart/mixed; boundary=\"w\"\r\n",
                wide + "--w--\r\n"), Style.RFC822, reported(1, Set.of("part_limit")));
        String mail = "--c\r\nContent-Type: message/rfc822\r\n\r\n" + latin(reported("among many", "", "")) + "\r\n";
        StringBuilder filler = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            filler.append("--c\r\nContent-Type: text/plain\r\n\r\n").append(i).append("\r\n");
        }
        corpus.add(Category.PART_COUNT, "carrier of 10000 parts, reported mail first",
                bytes(carrierHeaders("FW: many") + "Content-Type: multipart/mixed; boundary=\"c\"\r\n\r\n" + mail + filler + "--c--\r\n"),
                "first" + filler, reported(1, Set.of("part_limit")));
        corpus.add(Category.PART_COUNT, "carrier of 10000 parts, reported mail last",
                bytes(carrierHeaders("FW: many") + "Content-Type: multipart/mixed; boundary=\"c\"\r\n\r\n" + filler + mail + "--c--\r\n"),
                "last" + filler, new Refused("nothing_recognised"));
    }

    private static void largeHeaders(Builder corpus) {
        for (int size : new int[] {1536 * 1024, 5 * MB}) {
            String label = size / 1024 + " KB";
            corpus.attached(Category.LARGE_HEADER, "one field of " + label,
                    reported("one large field", "X-Padding: " + folded(size, 'a') + "\r\n", plainBody("body after a large field")),
                    Style.RFC822, reported(1, Set.of("header_limit")));
            StringBuilder many = new StringBuilder();
            for (int i = 0; many.length() < size; i++) {
                many.append("X-Filler-").append(i).append(": ").append("f".repeat(60)).append("\r\n");
            }
            corpus.attached(Category.LARGE_HEADER, label + " of small fields", reported("many fields", many.toString(),
                    plainBody("body after many fields")), Style.EML_BASE64, reported(1, Set.of("header_limit")));
        }
        StringBuilder words = new StringBuilder("Subject: ");
        while (words.length() < 5 * MB) {
            words.append("=?UTF-8?B?").append(b64("件名".repeat(10).getBytes(StandardCharsets.UTF_8))).append("?=\r\n ");
        }
        corpus.attached(Category.LARGE_HEADER, "5 MB subject of encoded words", bytes("From: x@evil.example\r\nTo: " + EMPLOYEE + "\r\n"
                + words.toString().stripTrailing() + "\r\nContent-Type: text/plain\r\n\r\nbody\r\n"), Style.RFC822,
                reported(1, Set.of("header_limit")));
        StringBuilder received = new StringBuilder();
        for (int i = 0; received.length() < 5 * MB; i++) {
            received.append("Received: from relay").append(i).append(".evil.example (relay").append(i)
                    .append(".evil.example [203.0.113.").append(i % 250).append("]) by mx.bank-a.example; Thu, 26 Nov 2026 10:00:00 +0900\r\n");
        }
        corpus.attached(Category.LARGE_HEADER, "5 MB of Received fields", reported("received", received.toString(),
                plainBody("hops")), Style.EML_BASE64, reported(1, Set.of("header_limit")));
        // padding placed before the MIME fields, as an attacker would to hide an attachment
        byte[] payload = Corpus.attachment(2000, 101);
        String hidden = "From: x@evil.example\r\nTo: " + EMPLOYEE + "\r\nSubject: hidden attachment\r\nX-Padding: " + folded(2 * MB, 'h')
                + "\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"h\"\r\n\r\n"
                + part("text/plain", "7bit", "", "see attached\r\n", "h")
                + part("application/octet-stream; name=\"hidden.bin\"", "base64", "attachment; filename=\"hidden.bin\"", mimeBase64(payload), "h")
                + "--h--\r\n";
        corpus.attached(Category.LARGE_HEADER, "attachment hidden behind a 2 MB header", bytes(hidden), Style.RFC822,
                new Reported(1, Set.of("header_limit"), Set.of(), new Check("the attachment behind the padding is still found and hashed",
                        reports -> hasAttachment(reports.get(0), "hidden.bin", Fingerprints.sha256(payload)))));
        corpus.add(Category.LARGE_HEADER, "carrier with a 5 MB header",
                bytes("Message-ID: " + "@@ID@@" + "\r\nFrom: " + EMPLOYEE + "\r\nTo: " + REPORT_ADDRESS + "\r\nSubject: FW: large carrier\r\n"
                        + "X-Padding: " + folded(5 * MB, 'c') + "\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/mixed; boundary=\"c\"\r\n\r\n--c\r\nContent-Type: message/rfc822\r\n\r\n"
                        + latin(reported("carrier header", "", "")) + "\r\n--c--\r\n"),
                "carrier 5 MB", new Reported(1, Set.of("header_limit"), Set.of(), Check.NONE));
    }

    private static void headerFields(Builder corpus) {
        for (int count : new int[] {301, 1000, 20_000}) {
            StringBuilder fields = new StringBuilder();
            for (int i = 0; i < count; i++) {
                fields.append("X-F").append(i).append(": ").append(i).append("\r\n");
            }
            corpus.attached(Category.HEADER_FIELDS, count + " header fields", reported("fields", fields.toString(), plainBody("x")),
                    Style.values()[count % 2], reported(1, Set.of("header_limit")));
        }
    }

    private static void boundaries(Builder corpus) {
        String text = part("text/plain", "7bit", "", "see the attachment\r\n", "b");
        String attachment = part("application/pdf; name=\"a.pdf\"", "base64", "attachment; filename=\"a.pdf\"",
                mimeBase64(Corpus.attachment(700, 102)), "b");
        Map<String, Object[]> cases = new LinkedHashMap<>();
        cases.put("no boundary parameter", new Object[] {"multipart/mixed", text + attachment + "--b--\r\n", Set.of("boundary_missing")});
        cases.put("boundary never used", new Object[] {"multipart/mixed; boundary=\"zzz\"", text + attachment + "--b--\r\n",
                Set.of("boundary_not_found")});
        cases.put("no closing boundary", new Object[] {"multipart/mixed; boundary=\"b\"", text + attachment, Set.of("missing_end_boundary")});
        cases.put("no closing boundary, cut inside base64", new Object[] {"multipart/mixed; boundary=\"b\"",
                text + attachment.substring(0, attachment.length() / 2), Set.of("missing_end_boundary")});
        cases.put("duplicated boundary parameter, first used", new Object[] {"multipart/mixed; boundary=\"b\"; boundary=\"other\"",
                text + attachment + "--b--\r\n", Set.of("duplicate_parameter")});
        cases.put("duplicated boundary parameter, second used", new Object[] {"multipart/mixed; boundary=\"other\"; boundary=\"b\"",
                text + attachment + "--b--\r\n", Set.of("duplicate_parameter")});
        cases.put("empty boundary", new Object[] {"multipart/mixed; boundary=\"\"", text + attachment + "--b--\r\n", Set.of("boundary_missing")});
        cases.put("inner multipart reuses the outer boundary", new Object[] {"multipart/mixed; boundary=\"b\"",
                "--b\r\nContent-Type: multipart/alternative; boundary=\"b\"\r\n\r\n" + text + attachment + "--b--\r\n--b--\r\n", Set.of()});
        cases.put("boundary of 200 characters", new Object[] {"multipart/mixed; boundary=\"" + "B".repeat(200) + "\"",
                (text + attachment + "--b--\r\n").replace("--b", "--" + "B".repeat(200)), Set.of()});
        cases.put("boundary inside the content", new Object[] {"multipart/mixed; boundary=\"b\"",
                part("text/plain", "7bit", "", "line\r\n--bx not a boundary\r\n--b- nor this\r\n", "b") + attachment + "--b--\r\n", Set.of()});
        cases.put("garbage after the closing boundary", new Object[] {"multipart/mixed; boundary=\"b\"",
                text + attachment + "--b--garbage\r\n--b\r\nContent-Type: text/plain\r\n\r\nepilogue\r\n", Set.of()});
        cases.put("two Content-Type fields", new Object[] {"multipart/mixed; boundary=\"b\"\r\nContent-Type: text/plain",
                text + attachment + "--b--\r\n", Set.of("duplicate_field")});
        cases.put("unquoted boundary with a space", new Object[] {"multipart/mixed; boundary=b c", 
                (text + attachment + "--b--\r\n").replace("--b", "--b c"), Set.of()});
        for (Map.Entry<String, Object[]> entry : cases.entrySet()) {
            Object[] spec = entry.getValue();
            @SuppressWarnings("unchecked")
            Set<String> notes = (Set<String>) spec[2];
            String mail = "From: x@evil.example\r\nTo: " + EMPLOYEE + "\r\nSubject: boundary\r\nMIME-Version: 1.0\r\nContent-Type: " + spec[0]
                    + "\r\n\r\npreamble\r\n" + spec[1];
            for (Style style : Style.values()) {
                corpus.attached(Category.BOUNDARY, entry.getKey() + " (" + style.name().toLowerCase() + ")", bytes(mail), style,
                        new Reported(1, notes, Set.of(), Check.NONE));
            }
        }
        String reportedMail = latin(reported("in a carrier without boundary", "", ""));
        corpus.add(Category.BOUNDARY, "carrier without boundary parameter",
                bytes(carrierHeaders("FW: x") + "Content-Type: multipart/mixed\r\n\r\n--c\r\nContent-Type: message/rfc822\r\n\r\n"
                        + reportedMail + "\r\n--c--\r\n"), "carrier no boundary", reported(1, Set.of("boundary_missing")));
        corpus.add(Category.BOUNDARY, "carrier without closing boundary",
                bytes(carrierHeaders("FW: x") + "Content-Type: multipart/mixed; boundary=\"c\"\r\n\r\n--c\r\nContent-Type: message/rfc822\r\n\r\n"
                        + reportedMail), "carrier no close", reported(1, Set.of()));
        corpus.add(Category.BOUNDARY, "carrier whose boundary never appears",
                bytes(carrierHeaders("FW: x") + "Content-Type: multipart/mixed; boundary=\"nowhere\"\r\n\r\n--c\r\nContent-Type: message/rfc822\r\n\r\n"
                        + reportedMail + "\r\n--c--\r\n"), "carrier boundary nowhere", reported(1, Set.of("boundary_not_found")));
        corpus.add(Category.BOUNDARY, "carrier with duplicated boundary parameter",
                bytes(carrierHeaders("FW: x") + "Content-Type: multipart/mixed; boundary=\"x\"; boundary=\"c\"\r\n\r\n--c\r\n"
                        + "Content-Type: message/rfc822\r\n\r\n" + reportedMail + "\r\n--c--\r\n"), "carrier duplicate boundary",
                reported(1, Set.of("duplicate_parameter", "boundary_not_found")));
    }

    private static void base64(Builder corpus) {
        Map<String, java.util.function.UnaryOperator<String>> damage = new LinkedHashMap<>();
        damage.put("invalid characters at the start", good -> "@#!" + good);
        damage.put("invalid characters in the middle", good -> good.substring(0, good.length() / 2) + "%%%%" + good.substring(good.length() / 2));
        damage.put("invalid characters at the end", good -> good + "$$");
        damage.put("a garbage line", good -> good.substring(0, 78) + "\r\n!!! this is not base64 !!!\r\n" + good.substring(78));
        damage.put("cut inside a quantum", HostileCorpus::cutInsideQuantum);
        damage.put("padding in the middle", good -> good.substring(0, 40) + "==" + good.substring(40));
        damage.put("NUL bytes", good -> good.substring(0, 30) + "\0\0\0" + good.substring(30));
        damage.put("binary bytes", good -> latin(Corpus.attachment(600, 104)));
        byte[] data = Corpus.attachment(3000, 103);
        byte[] text = ("本文です。 https://evil.example/b64 " + "x".repeat(2000)).getBytes(StandardCharsets.UTF_8);
        for (Map.Entry<String, java.util.function.UnaryOperator<String>> entry : damage.entrySet()) {
            String mail = "From: x@evil.example\r\nTo: " + EMPLOYEE + "\r\nSubject: broken base64\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n" + part("text/plain", "7bit", "", "see attached\r\n", "b")
                    + part("application/octet-stream; name=\"data.bin\"", "base64", "attachment; filename=\"data.bin\"",
                    entry.getValue().apply(mimeBase64(data)), "b") + "--b--\r\n";
            corpus.attached(Category.BASE64, "attachment: " + entry.getKey(), bytes(mail), Style.RFC822,
                    reported(1, Set.of("damaged_base64")));
            String body = "From: x@evil.example\r\nTo: " + EMPLOYEE + "\r\nSubject: broken base64 body\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                    + entry.getValue().apply(mimeBase64(text)) + "\r\n";
            corpus.attached(Category.BASE64, "body: " + entry.getKey(), bytes(body), Style.EML_BASE64, reported(1, Set.of("damaged_base64")));
            String damaged = entry.getValue().apply(mimeBase64(reported("inside broken base64", "", "")));
            byte[] carrier = bytes(carrierHeaders("FW: eml") + "Content-Type: multipart/mixed; boundary=\"c\"\r\n\r\n--c\r\n"
                    + "Content-Type: text/plain\r\n\r\nplease check\r\n--c\r\nContent-Type: application/octet-stream; name=\"mail.eml\"\r\n"
                    + "Content-Disposition: attachment; filename=\"mail.eml\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + damaged
                    + "\r\n--c--\r\n");
            corpus.add(Category.BASE64, "forwarded .eml: " + entry.getKey(), carrier, damaged,
                    entry.getKey().equals("binary bytes") ? new Refused("nothing_recognised") : reported(1, Set.of("damaged_base64")));
        }
        Map<String, String> lenient = new LinkedHashMap<>();
        lenient.put("one line of 4000 characters", mimeBase64(data).replace("\r\n", ""));
        lenient.put("base64url alphabet", Base64.getUrlEncoder().encodeToString(data));
        lenient.put("no padding", Base64.getEncoder().withoutPadding().encodeToString(Arrays.copyOf(data, 2999)));
        lenient.put("lines of 40 characters", Base64.getMimeEncoder(40, new byte[] {'\r', '\n'}).encodeToString(data));
        for (Map.Entry<String, String> entry : lenient.entrySet()) {
            byte[] expected = entry.getKey().equals("no padding") ? Arrays.copyOf(data, 2999) : data;
            String mail = "From: x@evil.example\r\nTo: " + EMPLOYEE + "\r\nSubject: odd base64\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                    + part("application/octet-stream; name=\"data.bin\"", "base64", "attachment; filename=\"data.bin\"", entry.getValue(), "b")
                    + "--b--\r\n";
            corpus.attached(Category.BASE64, "attachment: " + entry.getKey(), bytes(mail), Style.EML_BASE64,
                    new Reported(1, Set.of(), Set.of(), new Check("decoded to the exact bytes",
                            reports -> hasAttachment(reports.get(0), "data.bin", Fingerprints.sha256(expected)))));
        }
    }

    /** Base64 cut so that one character of a quantum is left over: a byte is lost. */
    private static String cutInsideQuantum(String good) {
        String unpadded = good.replace("=", "").stripTrailing();
        int significant = unpadded.replaceAll("[^A-Za-z0-9+/]", "").length();
        return unpadded.substring(0, unpadded.length() - Math.floorMod(significant - 1, 4));
    }

    private static void quotedPrintable(Builder corpus) {
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("an escape of non-hex digits", "price =ZZ yen=\r\n and more");
        broken.put("an equals sign at the very end", "ends with =");
        broken.put("an escape cut to one digit", "cut =4");
        broken.put("an equals sign before a space", "a = b and c =\t d");
        broken.put("raw 8-bit bytes", latin("生の8ビット".getBytes(StandardCharsets.UTF_8)));
        broken.put("a line of 20000 characters", "q".repeat(20_000));
        broken.put("soft breaks with bare LF", "soft=\nbreak=\nhere");
        broken.put("lower-case escapes", "=e6=97=a5=e6=9c=ac");
        for (Map.Entry<String, String> entry : broken.entrySet()) {
            boolean repaired = entry.getKey().startsWith("an ");
            String mail = "From: x@evil.example\r\nTo: " + EMPLOYEE + "\r\nSubject: broken qp\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n" + part("text/plain", "7bit", "", "see attached\r\n", "b")
                    + part("text/csv; name=\"list.csv\"", "quoted-printable", "attachment; filename=\"list.csv\"", entry.getValue(), "b")
                    + "--b--\r\n";
            corpus.attached(Category.QUOTED_PRINTABLE, "attachment: " + entry.getKey(), bytes(mail), Style.values()[entry.getKey().length() % 2],
                    new Reported(1, repaired ? Set.of("damaged_quoted_printable") : Set.of(), Set.of(), Check.NONE));
            String body = "From: x@evil.example\r\nTo: " + EMPLOYEE + "\r\nSubject: broken qp body\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                    + "https://evil.example/qp\r\n" + entry.getValue();
            corpus.attached(Category.QUOTED_PRINTABLE, "body: " + entry.getKey(), bytes(body), Style.RFC822,
                    new Reported(1, repaired ? Set.of("damaged_quoted_printable") : Set.of(), Set.of(),
                            new Check("the URL before the damage is found", reports -> hasUrl(reports.get(0), "https://evil.example/qp"))));
        }
        for (String damage : List.of("=ZZ", "=", "=4")) {
            String mail = latin(reported("qp eml", "", "")).replace("=", "=3D") + damage;
            byte[] carrier = bytes(carrierHeaders("FW: qp eml") + "Content-Type: multipart/mixed; boundary=\"c\"\r\n\r\n--c\r\n"
                    + "Content-Type: message/rfc822\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" + mail + "\r\n--c--\r\n");
            corpus.add(Category.QUOTED_PRINTABLE, "forwarded message encoded quoted-printable ending in " + damage, carrier, mail,
                    reported(1, Set.of("damaged_quoted_printable")));
        }
    }

    private static void charsets(Builder corpus) {
        String subject = "【重要】口座確認のお願い（至急）";
        byte[] utf8 = subject.getBytes(StandardCharsets.UTF_8);
        for (int split : new int[] {1, 2, 4, 7, 10}) {
            String header = "=?UTF-8?B?" + b64(Arrays.copyOfRange(utf8, 0, split)) + "?=\r\n =?UTF-8?B?"
                    + b64(Arrays.copyOfRange(utf8, split, utf8.length)) + "?=";
            corpus.subject("UTF-8 encoded words split after byte " + split, header, subject);
        }
        byte[] jis = subject.getBytes(ISO_2022_JP);
        for (int split : new int[] {1, 2, 3, 4, 5, 9, 12}) {
            String header = "=?ISO-2022-JP?B?" + b64(Arrays.copyOfRange(jis, 0, split)) + "?= =?ISO-2022-JP?B?"
                    + b64(Arrays.copyOfRange(jis, split, jis.length)) + "?=";
            corpus.subject("ISO-2022-JP encoded words split after byte " + split + " (inside an escape or a character)", header, subject);
        }
        for (int split : new int[] {2, 5}) {
            String q = qEncode(utf8);
            int at = nthEscape(q, split);
            corpus.subject("UTF-8 Q words split inside a character, after escape " + split,
                    "=?UTF-8?Q?" + q.substring(0, at) + "?=\r\n =?UTF-8?Q?" + q.substring(at) + "?=", subject);
        }
        corpus.subject("Shift_JIS label on Windows-31J bytes with NEC specials", "=?Shift_JIS?B?"
                + b64("①㈱髙橋～株式会社".getBytes(WINDOWS_31J)) + "?=", "①㈱髙橋～株式会社");
        corpus.subject("ISO-2022-JP label on CP50220 bytes (NEC and IBM extensions)", "=?ISO-2022-JP?B?"
                + b64("①②㈱ ⅰⅱ 髙﨑".getBytes(CP50220)) + "?=", "①②㈱ ⅰⅱ 髙﨑");
        corpus.subject("UTF-8 bytes in an encoded word labelled ISO-2022-JP", "=?ISO-2022-JP?B?" + b64(utf8) + "?=", subject);
        corpus.subject("WAVE DASH from a JIS table", "=?ISO-2022-JP?B?" + b64("10\u301C12時".getBytes(ISO_2022_JP)) + "?=", "10\uFF5E12時");
        corpus.subject("FULLWIDTH TILDE from CP932", "=?Shift_JIS?B?" + b64("10\uFF5E12時".getBytes(WINDOWS_31J)) + "?=", "10\uFF5E12時");
        corpus.subject("encoded word with an unknown charset", "=?x-unknown-charset?B?" + b64("hello".getBytes(StandardCharsets.US_ASCII)) + "?=",
                null);
        corpus.subject("encoded word with broken base64", "=?UTF-8?B?!!!not-base64!!!?=", null);
        corpus.subject("encoded word cut before its end", "=?UTF-8?B?" + b64(utf8).substring(0, 10), null);
        corpus.subject("EUC-JP encoded word", "=?EUC-JP?B?" + b64(subject.getBytes(EUC_JP)) + "?=", subject);

        String name = "請求書_2026年11月分（確定）.xlsx";
        String percent = percent(name.getBytes(ISO_2022_JP));
        for (int split : new int[] {3, 12, 30, 45}) {
            String disposition = "attachment;\r\n filename*0*=iso-2022-jp''" + percent.substring(0, split) + ";\r\n filename*1*="
                    + percent.substring(split);
            corpus.filename("RFC 2231 ISO-2022-JP name split at " + split, "application/octet-stream", disposition, name);
        }
        String utf8Percent = percent(name.getBytes(StandardCharsets.UTF_8));
        for (int split : new int[] {6, 15}) {
            corpus.filename("RFC 2231 UTF-8 name split inside a character at " + split, "application/octet-stream",
                    "attachment; filename*0*=UTF-8''" + utf8Percent.substring(0, split) + "; filename*1*=" + utf8Percent.substring(split), name);
        }
        corpus.filename("RFC 2047 ISO-2022-JP inside a quoted name", "application/octet-stream; name=\"=?ISO-2022-JP?B?"
                + b64(name.getBytes(ISO_2022_JP)) + "?=\"", "attachment", name);
        corpus.filename("RFC 2047 Shift_JIS inside a quoted filename", "application/octet-stream",
                "attachment; filename=\"=?Shift_JIS?B?" + b64(name.getBytes(WINDOWS_31J)) + "?=\"", name);
        corpus.filename("RFC 2047 UTF-8 split words inside a quoted filename", "application/octet-stream",
                "attachment; filename=\"=?UTF-8?B?" + b64(Arrays.copyOfRange(name.getBytes(StandardCharsets.UTF_8), 0, 4)) + "?= =?UTF-8?B?"
                        + b64(Arrays.copyOfRange(name.getBytes(StandardCharsets.UTF_8), 4, name.getBytes(StandardCharsets.UTF_8).length)) + "?=\"",
                name);
        corpus.filename("RFC 2231 name with an unknown charset", "application/octet-stream",
                "attachment; filename*=x-unknown''%41%42%43.txt", null);

        String text = "口座の確認をお願いします。10\u301C12時の間に https://evil.example/kouza へ。①";
        corpus.body("UTF-8 body labelled ISO-2022-JP", "iso-2022-jp", text.getBytes(StandardCharsets.UTF_8), Set.of("charset_mislabelled"));
        corpus.body("Windows-31J body labelled Shift_JIS", "Shift_JIS", text.getBytes(WINDOWS_31J), Set.of());
        corpus.body("CP50220 body labelled ISO-2022-JP", "ISO-2022-JP", text.getBytes(CP50220), Set.of());
        corpus.body("EUC-JP body labelled Shift_JIS", "Shift_JIS", text.replace("①", "").getBytes(EUC_JP), Set.of("charset_mislabelled"));
        corpus.body("UTF-8 body without a charset", null, text.getBytes(StandardCharsets.UTF_8), Set.of("charset_mislabelled"));
        corpus.body("Windows-31J body without a charset", null, text.getBytes(WINDOWS_31J), Set.of("charset_mislabelled"));
        corpus.body("EUC-JP body without a charset", null, text.replace("①", "").getBytes(EUC_JP), Set.of("charset_mislabelled"));
        corpus.body("an unknown charset label", "x-klingon", text.getBytes(StandardCharsets.UTF_8), Set.of("charset_mislabelled"));
        corpus.body("a charset label Java lacks (UTF-7)", "utf-7", text.getBytes(StandardCharsets.UTF_8), Set.of("charset_mislabelled"));
        corpus.body("a quoted charset label with spaces", "\" UTF-8 \"", text.getBytes(StandardCharsets.UTF_8), Set.of());
        corpus.body("a UTF-16 label on UTF-8 bytes", "UTF-16", text.getBytes(StandardCharsets.UTF_8), Set.of("charset_mislabelled"));
        byte[] unterminated = text.getBytes(ISO_2022_JP);
        corpus.body("ISO-2022-JP without its final escape", "ISO-2022-JP", Arrays.copyOf(unterminated, unterminated.length - 3), Set.of());

        for (String address : List.of("yamada..taro@docomo.ne.jp", "taro.@ezweb.ne.jp", ".hanako@softbank.ne.jp")) {
            String mail = "From: =?UTF-8?B?" + b64("山田".getBytes(StandardCharsets.UTF_8)) + "?= <" + address + ">\r\nReply-To: " + address
                    + "\r\nTo: " + EMPLOYEE + "\r\nSubject: mobile\r\nContent-Type: text/plain\r\n\r\nhi\r\n";
            corpus.attached(Category.CHARSET, "mobile-carrier address " + address, bytes(mail), Style.RFC822,
                    new Reported(1, Set.of(), Set.of(), new Check("the From keeps the address " + address,
                            reports -> reports.get(0).path("message").path("from").asText().contains(address))));
        }
    }

    private static void attachmentNames(Builder corpus) {
        Map<String, byte[]> types = new LinkedHashMap<>();
        types.put("application/octet-stream", Corpus.attachment(500, 110));
        types.put("application/x-msdownload", HostileArchives.windowsProgram());
        types.put("application/zip", HostileArchives.zip(Map.of("a.txt", "a".getBytes(StandardCharsets.US_ASCII))));
        types.put("image/png", Corpus.attachment(300, 111));
        types.put("application/pdf", "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        types.put("text/plain", "no name text".getBytes(StandardCharsets.US_ASCII));
        for (Map.Entry<String, byte[]> type : types.entrySet()) {
            String mail = "From: x@evil.example\r\nTo: " + EMPLOYEE + "\r\nSubject: no name\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n" + part("text/plain", "7bit", "", "body\r\n", "b")
                    + part(type.getKey(), "base64", "attachment", mimeBase64(type.getValue()), "b") + "--b--\r\n";
            byte[] content = type.getValue();
            corpus.attached(Category.ATTACHMENT_NAME, "no name, " + type.getKey(), bytes(mail), Style.values()[type.getKey().length() % 2],
                    new Reported(1, Set.of(), Set.of(), new Check("an attachment without a name, hashed",
                            reports -> hasAttachment(reports.get(0), "", Fingerprints.sha256(content)))));
        }
        String rlo = "請求書\u202Excod.exe";
        String rloAscii = "invoice\u202Efdp.scr";
        Map<String, String[]> rtl = new LinkedHashMap<>();
        rtl.put("RFC 2231 UTF-8", new String[] {"application/octet-stream", "attachment; filename*=UTF-8''" + percent(rlo.getBytes(StandardCharsets.UTF_8)), rlo});
        rtl.put("RFC 2047 B", new String[] {"application/octet-stream", "attachment; filename=\"=?UTF-8?B?" + b64(rlo.getBytes(StandardCharsets.UTF_8)) + "?=\"", rlo});
        rtl.put("RFC 2047 Q", new String[] {"application/octet-stream", "attachment; filename=\"=?UTF-8?Q?" + qEncode(rloAscii.getBytes(StandardCharsets.UTF_8)) + "?=\"", rloAscii});
        rtl.put("raw UTF-8", new String[] {"application/octet-stream", "attachment; filename=\"" + latin(rlo.getBytes(StandardCharsets.UTF_8)) + "\"", rlo});
        rtl.put("in Content-Type name only", new String[] {"application/octet-stream; name=\"=?UTF-8?B?" + b64(rloAscii.getBytes(StandardCharsets.UTF_8)) + "?=\"", "attachment", rloAscii});
        rtl.put("left-to-right override", new String[] {"application/octet-stream", "attachment; filename*=UTF-8''" + percent("doc\u202Dexe.txt".getBytes(StandardCharsets.UTF_8)), "doc\u202Dexe.txt"});
        rtl.put("right-to-left isolate", new String[] {"application/octet-stream", "attachment; filename*=UTF-8''" + percent("doc\u2067exe.txt".getBytes(StandardCharsets.UTF_8)), "doc\u2067exe.txt"});
        rtl.put("Windows-31J cannot carry it, UTF-8 in ISO-2022-JP label", new String[] {"application/octet-stream", "attachment; filename=\"=?ISO-2022-JP?B?" + b64(rlo.getBytes(StandardCharsets.UTF_8)) + "?=\"", rlo});
        for (Map.Entry<String, String[]> entry : rtl.entrySet()) {
            String[] spec = entry.getValue();
            corpus.flaggedName("right-to-left override name, " + entry.getKey(), spec[0], spec[1], spec[2], "right_to_left_override");
        }
        String ascii300 = "a".repeat(296) + ".exe";
        String japanese300 = "重要書類".repeat(74) + ".pdf";
        String doubled = "b".repeat(292) + ".pdf.exe";
        corpus.flaggedName("300-character ASCII name", "application/octet-stream", "attachment; filename=\"" + ascii300 + "\"", ascii300, null);
        corpus.flaggedName("300-character Japanese name, RFC 2231 continuations", "application/pdf",
                "attachment;" + continuations(percent(japanese300.getBytes(StandardCharsets.UTF_8))), japanese300, null);
        corpus.flaggedName("300-character Japanese name, RFC 2047 words", "application/pdf", "attachment; filename=\""
                + encodedWords(japanese300) + "\"", japanese300, null);
        corpus.flaggedName("300-character Japanese name, raw UTF-8", "application/pdf", "attachment; filename=\""
                + latin(japanese300.getBytes(StandardCharsets.UTF_8)) + "\"", japanese300, null);
        corpus.flaggedName("300-character name with a double extension", "application/octet-stream", "attachment; filename=\"" + doubled + "\"",
                doubled, "double_extension");
        String longest = "c".repeat(5000) + ".txt";
        corpus.flaggedName("5000-character name", "application/octet-stream", "attachment; filename=\"" + longest + "\"", longest, null);
    }

    private static void zipBombs(Builder corpus) {
        for (int levels : new int[] {2, 3, 4}) {
            for (int fanout : new int[] {4, 16}) {
                // four levels put the bomb past the inspection depth (3): it is not reached, and the note says so
                corpus.archive(Category.ZIP_BOMB, "42.zip style, " + levels + " levels of " + fanout, "42.zip",
                        HostileArchives.fortyTwo(levels, fanout), Set.of(levels > 3 ? "depth_limit" : "archive_bomb"),
                        levels > 3 ? null : "archive_bomb");
            }
        }
        for (int entries : new int[] {2, 10, 100}) {
            corpus.archive(Category.ZIP_BOMB, "overlapping entries, " + entries, "overlap.zip", HostileArchives.overlapping(entries),
                    Set.of("archive_bomb"), "archive_bomb");
        }
        for (int records : new int[] {50, 1000}) {
            corpus.archive(Category.ZIP_BOMB, records + " central records sharing one entry", "shared.zip",
                    HostileArchives.sharedEntries(records, records), Set.of("archive_bomb"), "archive_bomb");
        }
        for (long size : new long[] {64L * MB, 512L * MB}) {
            corpus.archive(Category.ZIP_BOMB, "zip of " + size / MB + " MB of zeros", "zeros.zip", HostileArchives.zipOfZeros("zeros.bin", size),
                    Set.of("archive_bomb"), "archive_bomb");
        }
        corpus.archive(Category.ZIP_BOMB, "entry declaring 1000 bytes, inflating to 40 MB", "small.zip",
                HostileArchives.lyingSize(1000, 40L * MB), Set.of("archive_bomb"), "archive_bomb");
        corpus.archive(Category.ZIP_BOMB, "Zip64 entry declaring 5 GB", "disk.zip", HostileArchives.zip64Declaring(5L << 30),
                Set.of(), "archive_bomb");
        corpus.archive(Category.ZIP_BOMB, "gzip of 128 MB of zeros", "zeros.gz", HostileArchives.gzipOfZeros(128L * MB),
                Set.of("archive_bomb"), "archive_bomb");
        corpus.archive(Category.ZIP_BOMB, "7z of 128 MB of zeros", "zeros.7z", HostileArchives.sevenZipOfZeros(128L * MB),
                Set.of("archive_bomb"), "archive_bomb");
        corpus.archive(Category.ZIP_BOMB, "bomb inside an ordinary zip", "outer.zip",
                HostileArchives.zip(Map.of("readme.txt", "hi".getBytes(StandardCharsets.US_ASCII), "inner.zip",
                        HostileArchives.zipOfZeros("z.bin", 64L * MB))), Set.of("archive_bomb"), "archive_bomb");
    }

    private static void encryptedArchives(Builder corpus) {
        Map<String, byte[]> one = new LinkedHashMap<>();
        one.put("見積書.xlsx", Corpus.attachment(3000, 120));
        Map<String, byte[]> three = new LinkedHashMap<>(one);
        three.put("見積書.pdf.exe", HostileArchives.windowsProgram());
        three.put("readme.txt", "password follows".getBytes(StandardCharsets.US_ASCII));
        corpus.archive(Category.ENCRYPTED_ARCHIVE, "PPAP zip of one entry", "mitsumori.zip", HostileArchives.encrypted(one, "Tokyo2026!", 1),
                Set.of(), "encrypted_archive");
        corpus.archive(Category.ENCRYPTED_ARCHIVE, "PPAP zip of three entries with a program", "mitsumori.zip",
                HostileArchives.encrypted(three, "pass", 2), Set.of(), "encrypted_archive");
        corpus.archive(Category.ENCRYPTED_ARCHIVE, "WinZip AES zip", "aes.zip", HostileArchives.aesEncrypted("secret.docx",
                Corpus.attachment(500, 121)), Set.of(), "encrypted_archive");
        corpus.archive(Category.ENCRYPTED_ARCHIVE, "7z with encrypted names", "names.7z", HostileArchives.sevenZipWithEncryptedNames(),
                Set.of("names_encrypted"), "encrypted_archive");
        corpus.archive(Category.ENCRYPTED_ARCHIVE, "PPAP zip inside a plain zip", "outer.zip",
                HostileArchives.zip(Map.of("inner.zip", HostileArchives.encrypted(one, "x", 3))), Set.of(), "encrypted_archive");
        corpus.archive(Category.ENCRYPTED_ARCHIVE, "PPAP zip named .dat", "data.dat", HostileArchives.encrypted(one, "y", 4), Set.of(),
                "encrypted_archive");
        corpus.archive(Category.ENCRYPTED_ARCHIVE, "PPAP zip, truncated", "cut.zip",
                Arrays.copyOf(HostileArchives.encrypted(three, "z", 5), 600), Set.of(), null);
    }

    private static void nestedArchives(Builder corpus) {
        for (int depth = 2; depth <= 8; depth++) {
            corpus.archive(Category.NESTED_ARCHIVE, "zip holding zips " + depth + " deep", "nest.zip",
                    HostileArchives.zipOfZips(depth, "payload.exe", HostileArchives.windowsProgram()),
                    depth > 3 ? Set.of("depth_limit") : Set.of(), null);
        }
        corpus.archive(Category.NESTED_ARCHIVE, "zip holding a gzip of a zip", "mixed.zip",
                HostileArchives.zip(Map.of("inner.gz", HostileArchives.gzip(HostileArchives.zip(Map.of("x.exe", HostileArchives.windowsProgram()))))),
                Set.of(), null);
        corpus.archive(Category.NESTED_ARCHIVE, "zip of 5000 entries", "many.zip", HostileArchives.manyEntries(5000), Set.of("entry_limit"), null);
    }

    private static void truncatedMsg(Builder corpus) {
        byte[] msg = Corpus.outlookMsgFile();
        Random random = new Random(20_261_126L);
        for (int i = 0; i < 36; i++) {
            int offset = 512 + random.nextInt(msg.length - 512);
            byte[] cut = Arrays.copyOf(msg, offset);
            boolean named = i % 2 == 0;
            String type = named ? "application/octet-stream; name=\"cut.msg\"" : "application/vnd.ms-outlook";
            byte[] carrier = bytes(carrierHeaders("FW: msg") + "Content-Type: multipart/mixed; boundary=\"c\"\r\n\r\n--c\r\n"
                    + "Content-Type: text/plain\r\n\r\nplease check\r\n--c\r\nContent-Type: " + type + "\r\n"
                    + "Content-Disposition: attachment; filename=\"cut.msg\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + mimeBase64(cut)
                    + "\r\n--c--\r\n");
            corpus.add(Category.TRUNCATED_MSG, ".msg of " + msg.length + " bytes cut at " + offset, carrier, latin(cut),
                    new Reported(1, Set.of(), Set.of("msg_truncated", "msg_unreadable", "property_unreadable", "attachment_unreadable"), Check.NONE));
        }
        byte[] noise = Corpus.attachment(4096, 130);
        System.arraycopy(msg, 0, noise, 0, 8);
        corpus.msg("OLE signature followed by noise", noise, Set.of("msg_unreadable"));
        corpus.msg("OLE header alone", Arrays.copyOf(msg, 512), Set.of("msg_unreadable"));
        corpus.msg("OLE header cut at 100", Arrays.copyOf(msg, 100), Set.of("msg_unreadable", "msg_truncated"));
        byte[] flipped = msg.clone();
        for (int i = 600; i < flipped.length; i += 97) {
            flipped[i] ^= 0x5A;
        }
        corpus.msg("bytes flipped every 97", flipped, Set.of());
    }

    private static void byteOrderMarks(Builder corpus) {
        String mail = "From: Security Team <security@evil.example>\nTo: " + EMPLOYEE + "\nSubject: Your mailbox is full\n"
                + "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\nhttps://webmail.evil.example/login\n";
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Check subject = new Check("the subject is read past the byte-order mark",
                reports -> reports.get(0).path("message").path("subject").asText().equals("Your mailbox is full"));
        corpus.eml(Category.BYTE_ORDER_MARK, "UTF-8 BOM, LF line ends", concat(bom, mail.getBytes(StandardCharsets.UTF_8)), new Reported(1, Set.of(), Set.of(), subject));
        corpus.eml(Category.BYTE_ORDER_MARK, "UTF-8 BOM, CRLF line ends", concat(bom, mail.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)),
                new Reported(1, Set.of(), Set.of(), subject));
        corpus.eml(Category.BYTE_ORDER_MARK, "two UTF-8 BOMs", concat(bom, concat(bom, mail.getBytes(StandardCharsets.UTF_8))),
                new Reported(1, Set.of(), Set.of(), subject));
        corpus.eml(Category.BYTE_ORDER_MARK, "UTF-16LE with BOM", concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, mail.getBytes(StandardCharsets.UTF_16LE)),
                new Refused("nothing_recognised"));
        corpus.eml(Category.BYTE_ORDER_MARK, "UTF-16BE with BOM", concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, mail.getBytes(StandardCharsets.UTF_16BE)),
                new Refused("nothing_recognised"));
        corpus.attached(Category.BYTE_ORDER_MARK, "UTF-8 BOM inside a message/rfc822 part", concat(bom, mail.getBytes(StandardCharsets.UTF_8)),
                Style.RFC822, new Reported(1, Set.of(), Set.of(), subject));
        corpus.attached(Category.BYTE_ORDER_MARK, "UTF-8 BOM at the start of the reported body", bytes("From: x@evil.example\r\nTo: " + EMPLOYEE
                + "\r\nSubject: bom body\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + latin(bom) + "https://evil.example/bom\r\n"),
                Style.RFC822, new Reported(1, Set.of(), Set.of(), new Check("the URL after the BOM is found",
                        reports -> hasUrl(reports.get(0), "https://evil.example/bom"))));
        String inline = latin(bom) + latin(("確認お願いします。\r\n\r\n-------- Forwarded Message --------\r\nSubject: inline bom\r\n"
                + "Date: Thu, 26 Nov 2026 10:00:00 +0900\r\nFrom: x@evil.example\r\nTo: " + EMPLOYEE + "\r\n\r\nhttps://evil.example/inline\r\n")
                .getBytes(StandardCharsets.UTF_8));
        corpus.add(Category.BYTE_ORDER_MARK, "BOM before an inline forward", bytes(carrierHeaders("FW: inline bom")
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + inline), inline,
                new Reported(1, Set.of("inline_forward"), Set.of(), new Check("the inline forward's subject is read",
                        reports -> reports.get(0).path("message").path("subject").asText().equals("inline bom"))));
    }

    private static void emptyBodies(Builder corpus) {
        corpus.add(Category.EMPTY_BODY, "carrier with an empty body", bytes(carrierHeaders("FW: empty") + "Content-Type: text/plain\r\n\r\n"),
                "empty carrier", new Refused("nothing_recognised"));
        corpus.add(Category.EMPTY_BODY, "carrier of headers only, no blank line",
                bytes(carrierHeaders("FW: headers only").stripTrailing() + "\r\n"), "headers only", new Refused("nothing_recognised"));
        corpus.add(Category.EMPTY_BODY, "carrier multipart without parts",
                bytes(carrierHeaders("FW: no parts") + "Content-Type: multipart/mixed; boundary=\"c\"\r\n\r\n--c--\r\n"), "no parts",
                new Refused("nothing_recognised"));
        corpus.attached(Category.EMPTY_BODY, "reported mail with an empty body", bytes("From: x@evil.example\r\nTo: " + EMPLOYEE
                + "\r\nSubject: empty body\r\n\r\n"), Style.RFC822, new Reported(1, Set.of(), Set.of(),
                new Check("the headers are read", reports -> reports.get(0).path("message").path("subject").asText().equals("empty body"))));
        corpus.attached(Category.EMPTY_BODY, "reported mail of headers only", bytes("From: x@evil.example\r\nTo: " + EMPLOYEE
                + "\r\nSubject: headers only\r\n"), Style.EML_BASE64, reported(1, Set.of()));
        corpus.attached(Category.EMPTY_BODY, "reported multipart without parts", bytes("From: x@evil.example\r\nSubject: no parts\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b--\r\n"), Style.RFC822, reported(1, Set.of("empty_multipart")));
        corpus.attached(Category.EMPTY_BODY, "reported mail with an empty base64 body", bytes("From: x@evil.example\r\nSubject: empty b64\r\n"
                + "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n"), Style.RFC822, reported(1, Set.of()));
        corpus.add(Category.EMPTY_BODY, "empty message/rfc822 part", bytes(carrierHeaders("FW: empty part")
                + "Content-Type: multipart/mixed; boundary=\"c\"\r\n\r\n--c\r\nContent-Type: message/rfc822\r\n\r\n\r\n--c--\r\n"),
                "empty rfc822", reported(1, Set.of()));
        corpus.eml(Category.EMPTY_BODY, "zero-byte .eml", new byte[0], new Refused("nothing_recognised"));
        corpus.attached(Category.EMPTY_BODY, "reported mail with an empty attachment", bytes("From: x@evil.example\r\nSubject: empty file\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n" + part("application/octet-stream; name=\"e.bin\"", "base64",
                "attachment; filename=\"e.bin\"", "", "b") + "--b--\r\n"), Style.RFC822,
                new Reported(1, Set.of(), Set.of(), new Check("the empty file is listed with the hash of nothing",
                        reports -> hasAttachment(reports.get(0), "e.bin", Fingerprints.sha256(new byte[0])))));
    }

    private static void nulInHeaders(Builder corpus) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Subject", "From: x@evil.example\r\nTo: " + EMPLOYEE + "\r\nSubject: nul\0in\0subject\r\n");
        fields.put("From", "From: x\0y@evil.example\r\nTo: " + EMPLOYEE + "\r\nSubject: nul from\r\n");
        fields.put("To", "From: x@evil.example\r\nTo: \0" + EMPLOYEE + "\r\nSubject: nul to\r\n");
        fields.put("Message-ID", "From: x@evil.example\r\nMessage-ID: <a\0b@evil.example>\r\nSubject: nul id\r\n");
        fields.put("header name", "From: x@evil.example\r\nX-Bad\0Name: v\r\nSubject: nul name\r\n");
        fields.put("field of NULs only", "From: x@evil.example\r\nX-Nul: \0\0\0\0\0\0\0\0\r\nSubject: nuls\r\n");
        fields.put("encoded NUL", "From: x@evil.example\r\nSubject: =?UTF-8?B?" + b64("a\0b".getBytes(StandardCharsets.UTF_8)) + "?=\r\n");
        for (Map.Entry<String, String> entry : fields.entrySet()) {
            corpus.attached(Category.NUL_IN_HEADER, "NUL in " + entry.getKey(), bytes(entry.getValue() + "Content-Type: text/plain\r\n\r\nbody\r\n"),
                    Style.values()[entry.getKey().length() % 2], new Reported(1, Set.of(), Set.of(),
                            new Check("no NUL reaches the report", reports -> !reports.get(0).toString().contains("\\u0000"))));
        }
        String contentType = "From: x@evil.example\r\nSubject: nul content-type\r\nContent-Type: multipart/mixed; bound\0ary=\"b\"\r\n\r\n"
                + part("text/plain", "7bit", "", "x\r\n", "b") + "--b--\r\n";
        corpus.attached(Category.NUL_IN_HEADER, "NUL in Content-Type", bytes(contentType), Style.RFC822, reported(1, Set.of()));
        String filename = "From: x@evil.example\r\nSubject: nul filename\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + part("application/octet-stream", "base64", "attachment; filename=\"evil\0.txt.exe\"", mimeBase64(new byte[] {1, 2}), "b")
                + "--b--\r\n";
        corpus.attached(Category.NUL_IN_HEADER, "NUL in a filename", bytes(filename), Style.EML_BASE64,
                new Reported(1, Set.of(), Set.of(), new Check("the name is kept without the NUL",
                        reports -> hasAttachment(reports.get(0), "evil.txt.exe", Fingerprints.sha256(new byte[] {1, 2})))));
        corpus.add(Category.NUL_IN_HEADER, "NUL in the carrier's Subject", bytes("Message-ID: @@ID@@\r\nFrom: " + EMPLOYEE + "\r\nTo: "
                + REPORT_ADDRESS + "\r\nSubject: FW:\0 nul\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"c\"\r\n\r\n"
                + "--c\r\nContent-Type: message/rfc822\r\n\r\n" + latin(reported("carrier nul", "", "")) + "\r\n--c--\r\n"),
                "carrier nul subject", reported(1, Set.of()));
    }

    private static void eightBitHeaders(Builder corpus) {
        String subject = "【重要】本人確認のお願い";
        Map<String, Object[]> raw = new LinkedHashMap<>();
        raw.put("UTF-8", new Object[] {subject.getBytes(StandardCharsets.UTF_8), subject});
        raw.put("Windows-31J", new Object[] {subject.getBytes(WINDOWS_31J), subject});
        raw.put("EUC-JP", new Object[] {subject.getBytes(EUC_JP), subject});
        raw.put("ISO-2022-JP escapes without encoded words", new Object[] {subject.getBytes(ISO_2022_JP), subject});
        raw.put("ISO-8859-1", new Object[] {"Café résumé".getBytes(StandardCharsets.ISO_8859_1), "Café résumé"});
        for (Map.Entry<String, Object[]> entry : raw.entrySet()) {
            byte[] value = (byte[]) entry.getValue()[0];
            String expected = (String) entry.getValue()[1];
            corpus.subject("8-bit " + entry.getKey() + " subject without a charset", latin(value), expected);
        }
        corpus.subject("8-bit UTF-8 mixed with an encoded word", latin("確認".getBytes(StandardCharsets.UTF_8)) + " =?UTF-8?B?"
                + b64("のお願い".getBytes(StandardCharsets.UTF_8)) + "?=", "確認 のお願い");
        String from = "From: " + latin("経理部 佐藤".getBytes(StandardCharsets.UTF_8)) + " <keiri@evil.example>\r\nTo: " + EMPLOYEE
                + "\r\nSubject: from\r\nContent-Type: text/plain\r\n\r\nx\r\n";
        corpus.attached(Category.EIGHT_BIT_HEADER, "8-bit UTF-8 display name", bytes(from), Style.RFC822,
                new Reported(1, Set.of(), Set.of(), new Check("the display name is decoded",
                        reports -> reports.get(0).path("message").path("from").asText().contains("経理部 佐藤"))));
        String sjisFrom = "From: " + latin("経理部 佐藤".getBytes(WINDOWS_31J)) + " <keiri@evil.example>\r\nSubject: sjis from\r\n\r\nx\r\n";
        corpus.attached(Category.EIGHT_BIT_HEADER, "8-bit Windows-31J display name", bytes(sjisFrom), Style.EML_BASE64,
                new Reported(1, Set.of(), Set.of(), new Check("the display name is decoded",
                        reports -> reports.get(0).path("message").path("from").asText().contains("経理部 佐藤"))));
        corpus.flaggedName("8-bit UTF-8 filename", "application/octet-stream",
                "attachment; filename=\"" + latin("請求書.xlsx".getBytes(StandardCharsets.UTF_8)) + "\"", "請求書.xlsx", null);
        corpus.flaggedName("8-bit Windows-31J filename", "application/octet-stream",
                "attachment; filename=\"" + latin("請求書.xlsx".getBytes(WINDOWS_31J)) + "\"", "請求書.xlsx", null);
        corpus.add(Category.EIGHT_BIT_HEADER, "8-bit UTF-8 carrier subject", bytes("Message-ID: @@ID@@\r\nFrom: " + EMPLOYEE + "\r\nTo: "
                + REPORT_ADDRESS + "\r\nSubject: " + latin("転送: 確認".getBytes(StandardCharsets.UTF_8)) + "\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"c\"\r\n\r\n--c\r\nContent-Type: message/rfc822\r\n\r\n"
                + latin(reported("carrier 8bit", "", "")) + "\r\n--c--\r\n"), "carrier 8bit subject", reported(1, Set.of()));
    }

    private static void reportedMailCount(Builder corpus) {
        for (int count : new int[] {21, 40}) {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < count; i++) {
                body.append("--c\r\nContent-Type: message/rfc822\r\n\r\n").append(latin(reported("mail " + i, "", ""))).append("\r\n");
            }
            corpus.add(Category.REPORTED_MAIL_COUNT, count + " reported mails in one submission", bytes(carrierHeaders("FW: " + count + " mails")
                    + "Content-Type: multipart/mixed; boundary=\"c\"\r\n\r\n" + body + "--c--\r\n"), body.toString(),
                    reported(20, Set.of("reported_mail_limit")));
        }
    }

    // ------------------------------------------------------------------ building blocks

    /** Collects cases, numbering them and wrapping reported mails in carriers. */
    private static final class Builder {
        private final List<Case> cases = new ArrayList<>();

        void add(Category category, String name, byte[] submission, String payload, Expected expected) {
            add(category, name, submission, bytes(payload), expected);
        }

        void add(Category category, String name, byte[] submission, byte[] payload, Expected expected) {
            int index = cases.size() + 1;
            String id = "<hostile-" + index + "@" + MESSAGE_ID_DOMAIN + ">";
            byte[] tagged = replace(submission, "@@ID@@", id);
            cases.add(new Case(index, category.name().toLowerCase() + ": " + name, category, tagged, payload, expected));
        }

        /** A reported mail forwarded in the given style. */
        void attached(Category category, String name, byte[] reported, Style given, Expected expected) {
            String subject = "FW: " + (category.name().toLowerCase());
            // a mail client attaches a message that SMTP cannot carry as it is (a line over 998 octets, a bare
            // CR or LF) encoded
            Style style = given == Style.RFC822 && !smtpSafe(reported) ? Style.EML_BASE64 : given;
            String carrier = switch (style) {
                case RFC822 -> carrierHeaders(subject) + "Content-Type: multipart/mixed; boundary=\"carrier\"\r\n\r\n--carrier\r\n"
                        + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + latin("不審なメールを受信しました。\r\n".getBytes(StandardCharsets.UTF_8))
                        + "--carrier\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n" + latin(reported)
                        + "\r\n--carrier--\r\n";
                case EML_BASE64 -> carrierHeaders(subject) + "Content-Type: multipart/mixed; boundary=\"carrier\"\r\n\r\n--carrier\r\n"
                        + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + latin("不審なメールを受信しました。\r\n".getBytes(StandardCharsets.UTF_8))
                        + "--carrier\r\nContent-Type: application/octet-stream; name=\"suspicious.eml\"\r\n"
                        + "Content-Disposition: attachment; filename=\"suspicious.eml\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                        + mimeBase64(reported) + "\r\n--carrier--\r\n";
            };
            add(category, name, bytes(carrier), concat(bytes(style.name()), reported), expected);
        }

        void eml(Category category, String name, byte[] file, Expected expected) {
            byte[] carrier = bytes(carrierHeaders("FW: eml") + "Content-Type: multipart/mixed; boundary=\"c\"\r\n\r\n--c\r\n"
                    + "Content-Type: text/plain\r\n\r\nplease check\r\n--c\r\nContent-Type: application/octet-stream; name=\"mail.eml\"\r\n"
                    + "Content-Disposition: attachment; filename=\"mail.eml\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + mimeBase64(file)
                    + "\r\n--c--\r\n");
            add(category, name, carrier, concat(bytes("eml"), file), expected);
        }

        void msg(String name, byte[] file, Set<String> anyOf) {
            byte[] carrier = bytes(carrierHeaders("FW: msg") + "Content-Type: multipart/mixed; boundary=\"c\"\r\n\r\n--c\r\n"
                    + "Content-Type: text/plain\r\n\r\nplease check\r\n--c\r\nContent-Type: application/vnd.ms-outlook; name=\"m.msg\"\r\n"
                    + "Content-Disposition: attachment; filename=\"m.msg\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + mimeBase64(file)
                    + "\r\n--c--\r\n");
            add(Category.TRUNCATED_MSG, name, carrier, file, new Reported(1, Set.of(), anyOf, Check.NONE));
        }

        /** A reported mail whose Subject field is {@code raw}; the report's subject must read {@code expected} (null: anything). */
        void subject(String name, String raw, String expected) {
            String mail = "From: x@evil.example\r\nTo: " + EMPLOYEE + "\r\nSubject: " + raw + "\r\nContent-Type: text/plain\r\n\r\nbody\r\n";
            Category category = name.startsWith("8-bit") ? Category.EIGHT_BIT_HEADER : Category.CHARSET;
            attached(category, name, bytes(mail), Style.values()[name.length() % 2], new Reported(1, Set.of(), Set.of(),
                    expected == null ? Check.NONE : new Check("the subject reads " + expected,
                            reports -> reports.get(0).path("message").path("subject").asText().equals(expected))));
        }

        /** A reported mail with one attachment so declared; its name must read {@code expected} (null: anything). */
        void filename(String name, String type, String disposition, String expected) {
            flaggedName(name, type, disposition, expected, null);
        }

        void flaggedName(String name, String type, String disposition, String expected, String flag) {
            byte[] content = HostileArchives.windowsProgram();
            String mail = "From: x@evil.example\r\nTo: " + EMPLOYEE + "\r\nSubject: names\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n" + part("text/plain", "7bit", "", "body\r\n", "b")
                    + part(type, "base64", disposition, mimeBase64(content), "b") + "--b--\r\n";
            Category category = name.startsWith("8-bit") ? Category.EIGHT_BIT_HEADER
                    : name.contains("RFC 2") && flag == null && !name.contains("300") ? Category.CHARSET : Category.ATTACHMENT_NAME;
            Check check = new Check("the attachment's name reads " + (expected == null ? "anything" : expected)
                    + (flag == null ? "" : ", flagged " + flag), reports -> {
                        com.fasterxml.jackson.databind.JsonNode attachment = reports.get(0).path("attachments").path(0);
                        return (expected == null || attachment.path("filename").asText().equals(expected))
                                && attachment.path("sha256").asText().equals(Fingerprints.sha256(content))
                                && (flag == null || attachment.path("flags").toString().contains("\"" + flag + "\""));
                    });
            attached(category, name, bytes(mail), Style.values()[name.length() % 2], new Reported(1, Set.of(), Set.of(), check));
        }

        /** A body in the given charset label (null: none). */
        void body(String name, String charset, byte[] text, Set<String> notes) {
            String mail = "From: x@evil.example\r\nTo: " + EMPLOYEE + "\r\nSubject: body charset\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: text/plain" + (charset == null ? "" : "; charset=" + charset) + "\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                    + latin(text) + "\r\n";
            attached(Category.CHARSET, "body: " + name, bytes(mail), Style.values()[name.length() % 2], new Reported(1, notes, Set.of(),
                    new Check("the URL in the body is found", reports -> hasUrl(reports.get(0), "https://evil.example/kouza"))));
        }

        /** A reported mail with one archive attached. */
        void archive(Category category, String name, String filename, byte[] archive, Set<String> notes, String flag) {
            String mail = "From: x@evil.example\r\nTo: " + EMPLOYEE + "\r\nSubject: archive\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n" + part("text/plain", "7bit", "", "see the archive\r\n", "b")
                    + part("application/octet-stream; name=\"" + filename + "\"", "base64", "attachment; filename=\"" + filename + "\"",
                    mimeBase64(archive), "b") + "--b--\r\n";
            String sha = Fingerprints.sha256(archive);
            Check check = new Check("the archive is hashed whole" + (flag == null ? "" : " and flagged " + flag), reports -> {
                com.fasterxml.jackson.databind.JsonNode attachment = reports.get(0).path("attachments").path(0);
                return attachment.path("sha256").asText().equals(sha)
                        && (flag == null || attachment.path("flags").toString().contains("\"" + flag + "\""));
            });
            attached(category, name, bytes(mail), Style.values()[name.length() % 2], new Reported(1, notes, Set.of(), check));
        }
    }

    private static Reported reported(int count, Set<String> notes) {
        return new Reported(count, notes, Set.of(), Check.NONE);
    }

    static boolean hasAttachment(com.fasterxml.jackson.databind.JsonNode report, String filename, String sha256) {
        for (com.fasterxml.jackson.databind.JsonNode attachment : report.path("attachments")) {
            if (attachment.path("filename").asText().equals(filename) && attachment.path("sha256").asText().equals(sha256)) {
                return true;
            }
        }
        return false;
    }

    static boolean hasUrl(com.fasterxml.jackson.databind.JsonNode report, String url) {
        for (com.fasterxml.jackson.databind.JsonNode found : report.path("urls")) {
            if (found.path("url").asText().equals(url)) {
                return true;
            }
        }
        return false;
    }

    /** The carrier's header fields up to the Content-Type, which the caller writes. */
    private static String carrierHeaders(String subject) {
        return "Message-ID: @@ID@@\r\nFrom: " + EMPLOYEE + "\r\nTo: " + REPORT_ADDRESS + "\r\nSubject: " + subject
                + "\r\nDate: Thu, 26 Nov 2026 12:00:00 +0900\r\nMIME-Version: 1.0\r\n";
    }

    private static String headers(String subject) {
        return "From: x@evil.example\r\nTo: " + EMPLOYEE + "\r\nSubject: " + subject + "\r\nDate: Thu, 26 Nov 2026 10:00:00 +0900\r\n"
                + "MIME-Version: 1.0\r\n";
    }

    /** A reported mail: fixed headers, the given extra header fields (CRLF-terminated), and a body. */
    private static byte[] reported(String subject, String extraHeaders, String body) {
        if (extraHeaders.isEmpty() && body.isEmpty()) {
            return bytes(headers(subject) + "Content-Type: text/plain; charset=UTF-8\r\n\r\nhttps://evil.example/" + subject.replace(' ', '-')
                    + "\r\n");
        }
        return bytes(headers(subject) + extraHeaders + "\r\n" + body);
    }

    private static String plainBody(String text) {
        return text + "\r\n";
    }

    private static String nested(String subtype, int depth, String innermost) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int level = 0; level < depth; level++) {
            open.append("--n").append(level).append("\r\nContent-Type: multipart/").append(subtype).append("; boundary=\"n").append(level + 1)
                    .append("\"\r\n\r\n");
            close.insert(0, "--n" + level + "--\r\n");
        }
        return open + "--n" + depth + "\r\n" + innermost + "--n" + depth + "--\r\n" + close;
    }

    private static String part(String type, String encoding, String disposition, String content) {
        return part(type, encoding, disposition, content, "n-unused").replaceFirst("^--n-unused\r\n", "");
    }

    private static String part(String type, String encoding, String disposition, String content, String boundary) {
        return "--" + boundary + "\r\nContent-Type: " + type + "\r\nContent-Transfer-Encoding: " + encoding + "\r\n"
                + (disposition.isEmpty() ? "" : "Content-Disposition: " + disposition + "\r\n") + "\r\n" + content + "\r\n";
    }

    /** A header value of {@code size} characters, folded into lines of 76. */
    private static String folded(int size, char fill) {
        StringBuilder out = new StringBuilder(size + size / 38);
        String line = String.valueOf(fill).repeat(75);
        while (out.length() < size) {
            out.append(line).append("\r\n ");
        }
        out.append(fill);
        return out.toString();
    }

    private static String continuations(String percentEncoded) {
        StringBuilder out = new StringBuilder();
        int index = 0;
        for (int at = 0; at < percentEncoded.length(); index++) {
            int end = Math.min(percentEncoded.length(), at + 60);
            while (end < percentEncoded.length() && percentEncoded.charAt(end - 1) != ';' && end - at > 3
                    && (percentEncoded.charAt(end - 1) == '%' || (end >= 2 && percentEncoded.charAt(end - 2) == '%'))) {
                end--;
            }
            out.append("\r\n filename*").append(index).append(index == 0 ? "*=UTF-8''" : "*=").append(percentEncoded, at, end)
                    .append(end < percentEncoded.length() ? ";" : "");
            at = end;
        }
        return out.toString();
    }

    private static String encodedWords(String text) {
        StringBuilder out = new StringBuilder();
        for (int at = 0; at < text.length(); at += 12) {
            String piece = text.substring(at, Math.min(text.length(), at + 12));
            out.append(at == 0 ? "" : " ").append("=?UTF-8?B?").append(b64(piece.getBytes(StandardCharsets.UTF_8))).append("?=");
        }
        return out.toString();
    }

    private static String qEncode(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xFF;
            out.append(c > 32 && c < 127 && c != '=' && c != '?' && c != '_' ? String.valueOf((char) c) : String.format("=%02X", c));
        }
        return out.toString();
    }

    private static int nthEscape(String q, int n) {
        int seen = 0;
        for (int i = 0; i < q.length(); i++) {
            if (q.charAt(i) == '=' && ++seen == n) {
                return i;
            }
        }
        return q.length();
    }

    private static String percent(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%%%02X", b & 0xFF));
        }
        return out.toString();
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String mimeBase64(byte[] bytes) {
        return Base64.getMimeEncoder().encodeToString(bytes);
    }

    /** Bytes as a string of the same length, one char per byte: how raw mail is assembled here. */
    static String latin(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static byte[] bytes(String latin) {
        return latin.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static byte[] replace(byte[] bytes, String from, String to) {
        String text = latin(bytes);
        int at = text.indexOf(from);
        return at < 0 ? bytes : bytes(text.substring(0, at) + to + text.substring(at + from.length()));
    }

    /** Whether SMTP carries the bytes as they are: CRLF line ends only, no line over 998 octets (RFC 5321, 5322). */
    public static boolean smtpSafe(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if ((bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r')) || (bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'))) {
                return false;
            }
        }
        return longestLine(bytes) <= 998;
    }

    /** The longest line, in octets without its line end. */
    public static int longestLine(byte[] bytes) {
        int longest = 0;
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                longest = Math.max(longest, i - start - (i > start && bytes[i - 1] == '\r' ? 1 : 0));
                start = i + 1;
            }
        }
        return Math.max(longest, bytes.length - start);
    }

    /** SHA-256 in hex, as the report writes it. */
    public static final class Fingerprints {
        private Fingerprints() {
        }

        public static String sha256(byte[] bytes) {
            try {
                return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
