package org.c4tap.core.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Submissions as employees' mail clients send them, built byte by byte so that every pitfall is
 * exactly the one intended: split encoded words, lying charset labels, RFC 2231 names, inline
 * forwards, .eml files with a byte-order mark and bare LF line ends, broken base64, a missing end
 * boundary. Each has a name; the expected report lies beside it as {@code corpus/<name>.expected.json}.
 */
public final class Corpus {

    private static final Charset ISO_2022_JP = Charset.forName("ISO-2022-JP");
    private static final Charset WINDOWS_31J = Charset.forName("windows-31j");

    /** One submission: its name, its bytes, and the address it was sent to. */
    public record Fixture(String name, byte[] submission, String recipient) {
    }

    private Corpus() {
    }

    public static List<Fixture> all() {
        List<Fixture> fixtures = new ArrayList<>();
        fixtures.add(new Fixture("001-attached-iso2022jp", attachedIso2022Jp(), "report@bank-a.example"));
        fixtures.add(new Fixture("002-eml-octet-stream-bom-lf", emlOctetStream(), "report+green@bank-a.example"));
        fixtures.add(new Fixture("003-inline-outlook-japanese", inlineOutlookJapanese(), "report@bank-a.example"));
        fixtures.add(new Fixture("004-inline-gmail-html", inlineGmailHtml(), "report@bank-a.example"));
        fixtures.add(new Fixture("005-two-attached-mails", twoAttached(), "report+amber@bank-a.example"));
        fixtures.add(new Fixture("006-nothing-recognisable", nothing(), "report@bank-a.example"));
        fixtures.add(new Fixture("007-lying-charsets", lyingCharsets(), "report@bank-a.example"));
        fixtures.add(new Fixture("008-broken-base64-missing-boundary", brokenBase64(), "report@bank-a.example"));
        fixtures.add(new Fixture("009-defanged-ips-mobile-addresses", defanged(), "report+white@bank-a.example"));
        fixtures.add(new Fixture("010-trace-and-authentication", trace(), "report@bank-a.example"));
        fixtures.add(new Fixture("011-subject-tag", subjectTag(), "report@bank-a.example"));
        fixtures.add(new Fixture("012-outlook-msg", outlookMsg(), "report+amber@bank-a.example"));
        fixtures.add(new Fixture("013-inline-with-tnef", inlineWithTnef(), "report@bank-a.example"));
        return fixtures;
    }

    /** The attachment bytes the fixtures use: the same every run. */
    public static byte[] attachment(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] attachedIso2022Jp() {
        byte[] subject = "【至急】ご請求書送付のお知らせ（１１月分）".getBytes(ISO_2022_JP);
        String splitSubject = "=?ISO-2022-JP?B?" + b64(subject, 0, 7) + "?=\r\n =?ISO-2022-JP?B?" + b64(subject, 7, subject.length) + "?=";
        String name = percent("請求書_2026年11月.zip".getBytes(ISO_2022_JP));
        String original = "From: =?ISO-2022-JP?B?" + b64("経理部 佐藤".getBytes(ISO_2022_JP)) + "?= <keiri@invoice-check.example.net>\r\n"
                + "To: taro.yamada@bank-a.example\r\n"
                + "Subject: " + splitSubject + "\r\n"
                + "Date: Thu, 26 Nov 2026 10:15:00 +0900\r\n"
                + "Message-ID: <20261126101500.1@invoice-check.example.net>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"inner\"\r\n\r\n"
                + "--inner\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
                + new String(("いつもお世話になっております。\r\n下記よりご確認ください。\r\nhttp://invoice-check.example.net/login?id=4821\r\n")
                        .getBytes(ISO_2022_JP), StandardCharsets.ISO_8859_1)
                + "--inner\r\nContent-Type: application/zip\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment;\r\n filename*0*=iso-2022-jp''" + name.substring(0, 30) + ";\r\n filename*1*="
                + name.substring(30) + "\r\n\r\n" + mimeBase64(attachment(3000, 1)) + "\r\n--inner--\r\n";
        return carrier("FW: suspicious", "taro.yamada@bank-a.example", "report@bank-a.example",
                "message/rfc822", "", original.getBytes(StandardCharsets.ISO_8859_1));
    }

    static byte[] emlOctetStream() {
        String original = "\uFEFFFrom: Security Team <security@evil.example>\nTo: taro.yamada@bank-a.example\n"
                + "Subject: Your mailbox is full\nDate: Thu, 26 Nov 2026 11:00:00 +0900\nMessage-ID: <full@evil.example>\n"
                + "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n"
                + "Please log in at https://webmail.evil.example/login to keep your mail.\n";
        return carrier("FW: Your mailbox is full", "taro.yamada@bank-a.example", "report+green@bank-a.example",
                "application/octet-stream; name=\"mailbox.eml\"", "attachment; filename=\"mailbox.eml\"",
                original.getBytes(StandardCharsets.UTF_8), true);
    }

    static byte[] inlineOutlookJapanese() {
        String body = "確認お願いします。\r\n\r\n________________________________\r\n"
                + "差出人: 人事部 <jinji@hr-update.example.com>\r\n"
                + "送信日時: 2026年11月26日 9:30\r\n"
                + "宛先: 山田 太郎 <taro.yamada@bank-a.example>\r\n"
                + "件名: 年末調整の書類提出について\r\n\r\n"
                + "添付のファイルをご確認のうえ、本日中にご提出ください。\r\n"
                + "http://hr-update.example.com/nenmatsu/form\r\n";
        String carrier = "From: taro.yamada@bank-a.example\r\nTo: report@bank-a.example\r\n"
                + "Subject: =?ISO-2022-JP?B?" + b64("転送: 年末調整の書類提出について".getBytes(ISO_2022_JP)) + "?=\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"c\"\r\n\r\n"
                + "--c\r\nContent-Type: text/plain; charset=\"iso-2022-jp\"\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
                + new String(body.getBytes(ISO_2022_JP), StandardCharsets.ISO_8859_1) + "\r\n"
                + "--c\r\nContent-Type: application/vnd.ms-excel; name=\"=?ISO-2022-JP?B?" + b64("年末調整.xls".getBytes(ISO_2022_JP))
                + "?=\"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment\r\n\r\n"
                + mimeBase64(attachment(5000, 3)) + "\r\n--c--\r\n";
        return carrier.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] inlineGmailHtml() {
        String html = "<div dir=\"ltr\">FYI<br><br><div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">"
                + "---------- Forwarded message ---------<br>From: <strong>IT Support</strong> &lt;<a href=\"mailto:it@helpdesk-portal.example\">"
                + "it@helpdesk-portal.example</a>&gt;<br>Date: Thu, Nov 26, 2026 at 8:02 AM<br>Subject: Password expires today<br>"
                + "To: &lt;taro.yamada@bank-a.example&gt;<br></div><br><br>Keep your password: "
                + "<a href=\"https://helpdesk-portal.example/reset?u=taro\">https://www.bank-a.example/password</a></div></div>";
        String carrier = "From: taro.yamada@bank-a.example\r\nTo: report@bank-a.example\r\nSubject: Fwd: Password expires today\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + quotedPrintable(html.getBytes(StandardCharsets.UTF_8));
        return carrier.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] twoAttached() {
        String first = "From: a@evil.example\r\nTo: taro.yamada@bank-a.example\r\nSubject: first\r\n\r\nhttp://one.evil.example/\r\n";
        String second = "From: b@evil.example\r\nTo: hanako@bank-a.example\r\nSubject: second\r\n\r\nhttp://two.evil.example/\r\n";
        String carrier = "From: taro.yamada@bank-a.example\r\nTo: report+amber@bank-a.example\r\nSubject: two suspicious mails\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"c\"\r\n\r\n--c\r\nContent-Type: text/plain\r\n\r\ntwo\r\n"
                + "--c\r\nContent-Type: message/rfc822\r\n\r\n" + first + "\r\n--c\r\nContent-Type: message/rfc822\r\n\r\n" + second
                + "\r\n--c--\r\n";
        return carrier.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] nothing() {
        return ("From: taro.yamada@bank-a.example\r\nTo: report@bank-a.example\r\nSubject: I got a weird mail\r\n\r\n"
                + "Someone sent me a strange invoice today, can you check?\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] lyingCharsets() {
        String rawSubject = new String("重要：口座確認のお願い".getBytes(WINDOWS_31J), StandardCharsets.ISO_8859_1);
        String original = "From: bank@evil.example\r\nTo: taro.yamada@bank-a.example\r\nSubject: " + rawSubject + "\r\n"
                + "Content-Type: text/plain; charset=iso-2022-jp\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + new String("口座の確認をお願いします。10\u301C12時の間に https://evil.example/kouza へ。\r\n"
                .getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        return carrier("FW:", "taro.yamada@bank-a.example", "report@bank-a.example", "message/rfc822", "",
                original.getBytes(StandardCharsets.ISO_8859_1));
    }

    static byte[] brokenBase64() {
        String good = mimeBase64(attachment(1000, 8));
        String broken = good.substring(0, 200) + "@@##" + good.substring(200);
        String original = "From: x@evil.example\r\nTo: taro.yamada@bank-a.example\r\nSubject: broken\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
                + "--b\r\nContent-Type: application/octet-stream; name=data.bin\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + broken + "\r\n"; // no closing boundary
        return carrier("FW: broken", "taro.yamada@bank-a.example", "report@bank-a.example", "message/rfc822", "",
                original.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] defanged() {
        String original = "From: \"=?UTF-8?B?" + b64("山田".getBytes(StandardCharsets.UTF_8)) + "?=\" <yamada..taro.@docomo.ne.jp>\r\n"
                + "Reply-To: x.@ezweb.ne.jp\r\nTo: taro.yamada@bank-a.example\r\nSubject: IOC\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "C2: hxxp://c2.evil[.]example/gate.php and 198.51.100.23, also 2001:db8::dead:beef; mail drop@evil[.]example\r\n"
                + "Not an IP: version 1.2.3.4.5 or time 10:15:30.\r\n";
        return carrier("FW: IOC", "taro.yamada@bank-a.example", "report+white@bank-a.example", "message/rfc822", "",
                original.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] trace() {
        String original = "Received: from mx.bank-a.example (mx.bank-a.example [10.0.0.5]) by mbox.bank-a.example with ESMTP id A;"
                + " Thu, 26 Nov 2026 10:15:03 +0900\r\n"
                + "Received: from mail.invoice-check.example.net (unknown [203.0.113.7]) by mx.bank-a.example with ESMTPS id B;"
                + " Thu, 26 Nov 2026 10:15:01 +0900\r\n"
                + "Authentication-Results: mx.bank-a.example; spf=fail smtp.mailfrom=invoice-check.example.net; dkim=none;"
                + " dmarc=fail header.from=bank-a.example\r\n"
                + "X-Mailer: Microsoft Outlook 16.0\r\nX-Originating-IP: [203.0.113.7]\r\n"
                + "From: ceo@bank-a.example\r\nReturn-Path: <bounce@invoice-check.example.net>\r\nTo: taro.yamada@bank-a.example\r\n"
                + "Subject: wire\r\n\r\nplease wire now\r\n";
        return carrier("FW: wire", "taro.yamada@bank-a.example", "report@bank-a.example", "message/rfc822", "",
                original.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] subjectTag() {
        String original = "From: x@evil.example\r\nTo: taro.yamada@bank-a.example\r\nSubject: [WHITE] share this widely\r\n\r\nTLP:WHITE\r\n";
        String carrier = "From: taro.yamada@bank-a.example\r\nTo: report@bank-a.example\r\nSubject: [AMBER] FW: [WHITE] share this widely\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"c\"\r\n\r\n--c\r\nContent-Type: text/plain\r\n\r\nx\r\n"
                + "--c\r\nContent-Type: message/rfc822\r\n\r\n" + original + "\r\n--c--\r\n";
        return carrier.getBytes(StandardCharsets.US_ASCII);
    }

    /** Outlook's own format, as Japanese Outlook users forward a mail "as an attachment". */
    public static byte[] outlookMsgFile() {
        return MsgFiles.builder()
                .subject("【重要】パスワード有効期限のお知らせ")
                .from("情報システム部", "it-support@pw-expire.example.org")
                .to("山田 太郎", "taro.yamada@bank-a.example")
                .date(java.time.Instant.parse("2026-11-26T01:00:00Z"))
                .messageId("<pw-expire-0001@pw-expire.example.org>")
                .transportHeaders("Received: from mail.pw-expire.example.org (mail.pw-expire.example.org [198.51.100.77])\r\n"
                        + " by mx.bank-a.example with ESMTP id Z; Thu, 26 Nov 2026 10:00:01 +0900\r\n"
                        + "Authentication-Results: mx.bank-a.example; spf=pass smtp.mailfrom=pw-expire.example.org; dkim=none;"
                        + " dmarc=none header.from=pw-expire.example.org\r\n"
                        + "From: =?UTF-8?B?5oOF5aCx44K344K544OG44Og6YOo?= <it-support@pw-expire.example.org>\r\n"
                        + "To: taro.yamada@bank-a.example\r\nSubject: password\r\nX-Mailer: Microsoft Outlook 16.0\r\n")
                .textBody("本日中に下記からパスワードを更新してください。\r\nhttps://pw-expire.example.org/renew\r\n")
                .htmlBody("<p>本日中に<a href=\"https://pw-expire.example.org/renew\">https://portal.bank-a.example/</a>から更新</p>")
                .attachment("手順書.docm", attachment(4000, 12))
                .build();
    }

    static byte[] outlookMsg() {
        return carrier("FW: 【重要】パスワード有効期限のお知らせ", "taro.yamada@bank-a.example", "report+amber@bank-a.example",
                "application/vnd.ms-outlook; name=\"password.msg\"", "attachment; filename=\"password.msg\"", outlookMsgFile(), true);
    }

    static byte[] inlineWithTnef() {
        byte[] winmail = TnefFiles.builder().attachment("MITSUMORI.XLS", "見積書.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", attachment(2500, 13)).build();
        String carrier = "From: taro.yamada@bank-a.example\r\nTo: report@bank-a.example\r\nSubject: FW: quote\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"c\"\r\n\r\n"
                + "--c\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nFrom: sales@quote.example\r\nSent: Thursday\r\n"
                + "To: taro.yamada@bank-a.example\r\nSubject: quote\r\n\r\nsee the quote\r\n"
                + "--c\r\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"winmail.dat\"\r\n\r\n" + mimeBase64(winmail) + "\r\n--c--\r\n";
        return carrier.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] carrier(String subject, String from, String to, String type, String disposition, byte[] attached) {
        return carrier(subject, from, to, type, disposition, attached, false);
    }

    private static byte[] carrier(String subject, String from, String to, String type, String disposition, byte[] attached, boolean base64) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"carrier\"\r\n\r\n--carrier\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "不審なメールを受信しました。\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(("--carrier\r\nContent-Type: " + type + "\r\n" + (disposition.isEmpty() ? "" : "Content-Disposition: " + disposition + "\r\n")
                + (base64 ? "Content-Transfer-Encoding: base64\r\n" : "") + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(base64 ? mimeBase64(attached).getBytes(StandardCharsets.US_ASCII) : attached);
        out.writeBytes("\r\n--carrier--\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String b64(byte[] bytes, int from, int to) {
        return b64(java.util.Arrays.copyOfRange(bytes, from, to));
    }

    private static String mimeBase64(byte[] bytes) {
        return Base64.getMimeEncoder().encodeToString(bytes);
    }

    private static String percent(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%%%02X", b & 0xFF));
        }
        return out.toString();
    }

    private static String quotedPrintable(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int column = 0;
        for (byte b : bytes) {
            int c = b & 0xFF;
            String piece = (c >= 33 && c <= 126 && c != '=') || c == ' ' ? String.valueOf((char) c) : String.format("=%02X", c);
            if (column + piece.length() > 75) {
                out.append("=\r\n");
                column = 0;
            }
            out.append(piece);
            column += piece.length();
        }
        return out.toString();
    }
}
