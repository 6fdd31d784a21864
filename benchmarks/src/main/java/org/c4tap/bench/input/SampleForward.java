package org.c4tap.bench.input;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * The bytes of a submission as an operator's gateway receives it: an employee's forward (Outlook
 * style, a Japanese note) carrying the suspicious mail as a {@code message/rfc822} attachment. The
 * suspicious mail has a realistic header section (five Received hops, authentication results), a
 * Japanese text and HTML body with {@code links} links, an optional inline image and one
 * attachment. Boundaries, identifiers and dates are fixed: the same spec always gives the same
 * bytes.
 *
 * @param attachmentName the attachment's file name
 * @param attachmentType its declared media type
 * @param attachment     its content
 * @param image          an inline image's content, or an empty array for none
 * @param links          how many distinct links the HTML body carries
 */
public record SampleForward(String attachmentName, String attachmentType, byte[] attachment, byte[] image, int links) {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(76, CRLF);

    public SampleForward {
        Objects.requireNonNull(attachmentName, "attachmentName");
        Objects.requireNonNull(attachmentType, "attachmentType");
        Objects.requireNonNull(attachment, "attachment");
        Objects.requireNonNull(image, "image");
    }

    /**
     * A typical forward of about 200 KB: a 100 KB zip attachment (a document with a double
     * extension inside), a 38 KB inline logo, 20 links.
     */
    public static SampleForward typical() {
        return new SampleForward("請求書_2026年1月.zip", "application/zip", SampleBytes.zip(100, 100 * 1024),
                SampleBytes.png(38, 38 * 1024), 20);
    }

    /** A forward whose attachment is {@code megabytes} MB of incompressible bytes. */
    public static SampleForward withLargeAttachment(int megabytes) {
        return new SampleForward("設計資料.bin", "application/octet-stream", SampleBytes.random(50, megabytes * 1024 * 1024),
                new byte[0], 20);
    }

    /** The operator's own domain, which the gateway pseudonymises in every part wider than RED. */
    public static final String OPERATOR_DOMAIN = "bank-a.example";

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(attachment.length * 4 / 3 + image.length * 4 / 3 + 64 * 1024);
        line(out, "Received: from mail.bank-a.example (mail.bank-a.example [10.0.0.25])");
        line(out, "\tby gateway.bank-a.example with ESMTPSA id 4f1c2a; Mon, 12 Jan 2026 10:15:02 +0900");
        line(out, "From: =?UTF-8?B?" + b64("山田 太郎") + "?= <taro.yamada@" + OPERATOR_DOMAIN + ">");
        line(out, "To: report@" + OPERATOR_DOMAIN);
        line(out, "Subject: =?UTF-8?B?" + b64("FW: 【至急】請求書送付のお知らせ") + "?=");
        line(out, "Date: Mon, 12 Jan 2026 10:15:00 +0900");
        line(out, "Message-ID: <fw-20260112-0001@bank-a.example>");
        line(out, "MIME-Version: 1.0");
        line(out, "X-Mailer: Microsoft Outlook 16.0");
        line(out, "Content-Type: multipart/mixed; boundary=\"=_carrier_boundary_0\"");
        line(out, "");
        line(out, "--=_carrier_boundary_0");
        line(out, "Content-Type: text/plain; charset=UTF-8");
        line(out, "Content-Transfer-Encoding: base64");
        line(out, "");
        out.writeBytes(BASE64.encode("不審なメールを受信したため転送します。添付ファイルは開いていません。\r\n\r\n山田\r\n"
                .getBytes(StandardCharsets.UTF_8)));
        line(out, "");
        line(out, "--=_carrier_boundary_0");
        line(out, "Content-Type: message/rfc822");
        line(out, "Content-Disposition: attachment; filename=\"original.eml\"");
        line(out, "");
        reported(out);
        line(out, "");
        line(out, "--=_carrier_boundary_0--");
        return out.toByteArray();
    }

    private void reported(ByteArrayOutputStream out) {
        String[][] hops = {
                {"mx1.bank-a.example", "10.0.0.10", "edge.bank-a.example", "203.0.113.7"},
                {"edge.bank-a.example", "203.0.113.7", "relay.mail-filter.example", "198.51.100.23"},
                {"relay.mail-filter.example", "198.51.100.23", "smtp.invoice-center.example", "192.0.2.44"},
                {"smtp.invoice-center.example", "192.0.2.44", "vps-1834.hosting.example", "192.0.2.200"},
                {"vps-1834.hosting.example", "192.0.2.200", "localhost", "127.0.0.1"},
        };
        for (int i = 0; i < hops.length; i++) {
            String[] hop = hops[i];
            line(out, "Received: from " + hop[2] + " (" + hop[2] + " [" + hop[3] + "])");
            line(out, "\tby " + hop[0] + " (Postfix) with ESMTPS id 7A3F" + i + "C2;");
            line(out, "\tMon, 12 Jan 2026 09:4" + (5 - i) + ":1" + i + " +0900 (JST)");
        }
        line(out, "Authentication-Results: mx1.bank-a.example; spf=softfail smtp.mailfrom=invoice-center.example;");
        line(out, "\tdkim=none; dmarc=fail header.from=invoice-center.example");
        line(out, "From: =?UTF-8?B?" + b64("請求書センター") + "?= <billing@invoice-center.example>");
        line(out, "Reply-To: payment-desk@mail-reply.example");
        line(out, "Return-Path: <bounce-77231@invoice-center.example>");
        line(out, "To: =?UTF-8?B?" + b64("山田 太郎") + "?= <taro.yamada@" + OPERATOR_DOMAIN + ">");
        line(out, "Cc: keiri@" + OPERATOR_DOMAIN);
        line(out, "Subject: =?UTF-8?B?" + b64("【至急】請求書送付のお知らせ（2026年1月分）") + "?=");
        line(out, "Date: Mon, 12 Jan 2026 09:45:10 +0900");
        line(out, "Message-ID: <20260112094510.77231@invoice-center.example>");
        line(out, "X-Mailer: Mail Sender 2.1");
        line(out, "X-Originating-IP: [192.0.2.200]");
        line(out, "MIME-Version: 1.0");
        line(out, "Content-Type: multipart/mixed; boundary=\"=_reported_mixed_1\"");
        line(out, "");
        line(out, "--=_reported_mixed_1");
        line(out, "Content-Type: multipart/related; boundary=\"=_reported_related_2\"");
        line(out, "");
        line(out, "--=_reported_related_2");
        line(out, "Content-Type: multipart/alternative; boundary=\"=_reported_alternative_3\"");
        line(out, "");
        line(out, "--=_reported_alternative_3");
        line(out, "Content-Type: text/plain; charset=UTF-8");
        line(out, "Content-Transfer-Encoding: base64");
        line(out, "");
        out.writeBytes(BASE64.encode(text().getBytes(StandardCharsets.UTF_8)));
        line(out, "");
        line(out, "--=_reported_alternative_3");
        line(out, "Content-Type: text/html; charset=UTF-8");
        line(out, "Content-Transfer-Encoding: base64");
        line(out, "");
        out.writeBytes(BASE64.encode(html().getBytes(StandardCharsets.UTF_8)));
        line(out, "");
        line(out, "--=_reported_alternative_3--");
        if (image.length > 0) {
            line(out, "--=_reported_related_2");
            line(out, "Content-Type: image/png; name=\"logo.png\"");
            line(out, "Content-Transfer-Encoding: base64");
            line(out, "Content-ID: <logo@invoice-center.example>");
            line(out, "Content-Disposition: inline; filename=\"logo.png\"");
            line(out, "");
            out.writeBytes(BASE64.encode(image));
            line(out, "");
        }
        line(out, "--=_reported_related_2--");
        line(out, "--=_reported_mixed_1");
        line(out, "Content-Type: " + attachmentType + "; name=\"=?UTF-8?B?" + b64(attachmentName) + "?=\"");
        line(out, "Content-Transfer-Encoding: base64");
        line(out, "Content-Disposition: attachment; filename=\"=?UTF-8?B?" + b64(attachmentName) + "?=\"");
        line(out, "");
        out.writeBytes(BASE64.encode(attachment));
        line(out, "");
        line(out, "--=_reported_mixed_1--");
    }

    private String text() {
        StringBuilder text = new StringBuilder();
        text.append("山田 太郎 様\r\n\r\nいつもお世話になっております。請求書センターです。\r\n");
        text.append("2026年1月分の請求書を添付にてお送りいたします。お支払い期限が迫っておりますので、\r\n");
        text.append("本日中に下記よりご確認ください。\r\n\r\n");
        for (int i = 0; i < links; i++) {
            text.append(link(i)).append("\r\n");
        }
        text.append("\r\nご不明な点は payment-desk@mail-reply.example までご連絡ください。\r\n");
        text.append("送信元サーバ: 192.0.2.200\r\n\r\n--\r\n請求書センター\r\n");
        return text.toString();
    }

    private String html() {
        StringBuilder html = new StringBuilder("<html><head><meta charset=\"UTF-8\"></head><body>");
        html.append("<p><img src=\"cid:logo@invoice-center.example\" alt=\"請求書センター\"></p>");
        html.append("<p>山田 太郎 様</p><p>いつもお世話になっております。請求書センターです。<br>");
        html.append("2026年1月分の請求書を添付にてお送りいたします。お支払い期限が迫っておりますので、本日中に下記よりご確認ください。</p><ul>");
        for (int i = 0; i < links; i++) {
            html.append("<li><a href=\"").append(link(i)).append("\">請求書 ").append(i + 1).append(" を確認する</a></li>");
        }
        html.append("</ul><p>ご不明な点は <a href=\"mailto:payment-desk@mail-reply.example\">payment-desk@mail-reply.example</a> まで。</p>");
        html.append("<p style=\"font-size:small;color:#888\">送信元サーバ: 192.0.2.200</p></body></html>");
        return html.toString();
    }

    /** A distinct phishing link per index, on a handful of hosts, as a campaign's links are. */
    private static String link(int index) {
        String[] hosts = {"invoice-center.example", "secure-billing.example", "cdn.file-share.example", "login.account-check.example"};
        return "https://" + hosts[index % hosts.length] + "/invoice/2026/01/view?id=" + (100_000 + index * 7919)
                + "&token=" + Long.toHexString(0x9E3779B97F4A7C15L * (index + 1)) + "&lang=ja";
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void line(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(CRLF);
    }
}
