package org.c4tap.core.report;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.c4tap.core.indicator.Defang;
import org.c4tap.core.inspection.ArchiveEntry;
import org.c4tap.core.inspection.ArchiveListing;
import org.c4tap.core.inspection.Flag;
import org.c4tap.core.indicator.UrlIndicator;
import org.c4tap.core.scope.Part;

/**
 * The human-readable rendering of a report, in Japanese and English. It is built from the parts
 * present, so a restricted report renders only what its reader may see. URLs and hosts are
 * defanged; nothing in it is a live link.
 */
public final class ReportText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx")
            .withZone(ZoneId.of("Asia/Tokyo"));

    private ReportText() {
    }

    public static String render(Report report) {
        StringBuilder out = new StringBuilder();
        out.append("C4TAP 標的型攻撃メール情報 / C4TAP suspected targeted-attack mail report\n");
        out.append("====================================================================\n");
        line(out, "報告ID / Report ID", report.id().value());
        line(out, "作成日時 / Created", TIME.format(report.created()));
        report.part(ProviderName.class).ifPresent(name ->
                line(out, "提供者 / Provider", name.nameJa() + " / " + name.nameEn() + " (" + name.organisationId() + ")"));
        report.part(ProviderSector.class).ifPresent(sector -> line(out, "分野 / Sector", sector.sector()));
        StringBuilder scopes = new StringBuilder();
        for (Part part : report.parts().keySet()) {
            if (!scopes.isEmpty()) {
                scopes.append(", ");
            }
            scopes.append(part.key()).append('=').append(report.scopes().of(part).label());
        }
        line(out, "共有範囲 / Scopes", scopes.toString());

        report.part(OriginalHeaders.class).ifPresent(headers -> {
            section(out, "元のメール / Reported mail", report, Part.HEADERS);
            line(out, "  件名 / Subject", headers.subject());
            line(out, "  差出人 / From", Defang.addresses(headers.from()));
            optional(out, "  送信者 / Sender", Defang.addresses(headers.sender()));
            line(out, "  宛先 / To", String.join(", ", headers.to()));
            optional(out, "  CC", String.join(", ", headers.cc()));
            optional(out, "  返信先 / Reply-To", Defang.addresses(headers.replyTo()));
            optional(out, "  Return-Path", Defang.addresses(headers.returnPath()));
            line(out, "  日時 / Date", headers.date());
            optional(out, "  Message-ID", headers.messageId());
            optional(out, "  メーラー / Mailer", headers.mailer());
            optional(out, "  送信元IP / Originating IP", Defang.host(headers.originatingIp()));
            for (AuthenticationVerdict verdict : headers.authentication()) {
                out.append("  認証 / Authentication: ").append(verdict.method()).append('=').append(verdict.result())
                        .append(verdict.properties().isEmpty() ? "" : " " + Defang.addresses(verdict.properties()))
                        .append("  (").append(verdict.server()).append(")\n");
            }
            int hop = 1;
            for (ReceivedHop received : headers.received()) {
                out.append("  経路 / Hop ").append(hop++).append(": from ").append(Defang.host(received.from()))
                        .append(received.ip().isEmpty() ? "" : " [" + Defang.host(received.ip()) + "]")
                        .append(" by ").append(Defang.host(received.by()))
                        .append(received.time().isEmpty() ? "" : "; " + received.time()).append('\n');
            }
        });
        report.part(AttachmentList.class).ifPresent(list -> {
            section(out, "添付ファイル / Attachments (" + list.attachments().size() + ")", report, Part.ATTACHMENTS);
            int n = 1;
            for (Attachment attachment : list.attachments()) {
                out.append("  ").append(n++).append(". ")
                        .append(attachment.filename().isEmpty() ? "(名前なし / no name)" : attachment.filename())
                        .append("  [").append(attachment.contentType())
                        .append(attachment.detectedType().isEmpty() || attachment.detectedType().equals(attachment.contentType())
                                ? "" : ", 実体 / detected " + attachment.detectedType())
                        .append(", ").append(attachment.fingerprint().size()).append(" bytes]\n");
                if (!attachment.flags().isEmpty()) {
                    out.append("     ⚠ ").append(String.join(", ", attachment.flags().stream().map(Flag::key).toList())).append('\n');
                }
                out.append("     SHA-256: ").append(attachment.fingerprint().sha256()).append('\n');
                out.append("     SHA-1:   ").append(attachment.fingerprint().sha1()).append('\n');
                out.append("     MD5:     ").append(attachment.fingerprint().md5()).append('\n');
                if (!attachment.fingerprint().ssdeep().isEmpty()) {
                    out.append("     ssdeep:  ").append(attachment.fingerprint().ssdeep()).append('\n');
                }
                if (!attachment.fingerprint().tlsh().isEmpty()) {
                    out.append("     TLSH:    ").append(attachment.fingerprint().tlsh()).append('\n');
                }
                attachment.archive().ifPresent(listing -> archive(out, listing, "     "));
            }
        });
        report.part(Indicators.class).ifPresent(indicators -> {
            section(out, "指標 / Indicators: URL " + indicators.urls().size(), report, Part.INDICATORS);
            for (UrlIndicator url : indicators.urls()) {
                out.append("  ").append(Defang.url(url.url()));
                if (url.deceptive()) {
                    out.append("  ⚠ 表示は別のホスト / shown as \"").append(Defang.url(url.text())).append('"');
                }
                out.append('\n');
            }
            list(out, "  ドメイン / Domains", indicators.domains().stream().map(Defang::host).toList());
            list(out, "  IPv4", indicators.ipv4().stream().map(Defang::host).toList());
            list(out, "  IPv6", indicators.ipv6());
            list(out, "  メールアドレス / Addresses", indicators.emails().stream().map(Defang::address).toList());
        });
        report.part(SpamAnalysis.class).ifPresent(spam -> {
            section(out, "スパム判定 / Spam analysis", report, Part.SPAM);
            out.append("  ").append(spam.status().key());
            if (spam.status() == SpamAnalysis.Status.SPAM || spam.status() == SpamAnalysis.Status.HAM) {
                out.append(String.format(" (%.1f / %.1f) %s", spam.score(), spam.threshold(), String.join(",", spam.rules())));
            }
            out.append('\n');
        });
        report.part(BodyExcerpt.class).ifPresent(body -> {
            section(out, "本文抜粋 / Body excerpt" + (body.truncated() ? " (truncated)" : ""), report, Part.BODY);
            for (String bodyLine : body.text().split("\\R", -1)) {
                out.append("  | ").append(defangLine(bodyLine)).append('\n');
            }
        });
        report.part(ReporterIdentity.class).ifPresent(reporter -> {
            section(out, "報告者 / Reporter", report, Part.REPORTER);
            out.append("  ").append(reporter.address()).append('\n');
        });
        if (!report.notes().isEmpty()) {
            out.append("\n■ 注記 / Notes\n");
            for (Note note : report.notes()) {
                out.append("  - [").append(note.part().key()).append("] ").append(note.kind()).append(": ")
                        .append(note.detail()).append('\n');
            }
        }
        return out.toString();
    }

    private static void archive(StringBuilder out, ArchiveListing listing, String indent) {
        out.append(indent).append("書庫 / Archive ").append(listing.format().key()).append(": ").append(listing.entries().size())
                .append(" entries, ").append(listing.totalSize()).append(" bytes")
                .append(listing.encrypted() ? ", パスワード付き / ENCRYPTED" : "")
                .append(listing.bomb() ? ", 圧縮爆弾 / BOMB (not unpacked)" : "")
                .append(listing.truncated() ? ", 一部のみ / listing cut at the limits" : "").append('\n');
        int shown = 0;
        for (ArchiveEntry entry : listing.entries()) {
            if (shown++ >= 50) {
                out.append(indent).append("  …").append('\n');
                break;
            }
            out.append(indent).append("  - ").append(entry.path())
                    .append(entry.size().isPresent() ? " (" + entry.size().getAsLong() + " bytes)" : "")
                    .append(entry.encrypted() ? " [encrypted]" : "")
                    .append(entry.flags().isEmpty() ? "" : " ⚠ " + String.join(",", entry.flags().stream().map(Flag::key).toList()))
                    .append(entry.fingerprint().map(fingerprint -> " SHA-256 " + fingerprint.sha256()).orElse("")).append('\n');
            entry.nested().ifPresent(nested -> archive(out, nested, indent + "    "));
        }
    }

    private static String defangLine(String line) {
        return line.replaceAll("(?i)\\bh(tt)(ps?)://", "hxx$2://");
    }

    private static void section(StringBuilder out, String title, Report report, Part part) {
        out.append("\n■ ").append(title).append("  [").append(report.scopes().of(part).label()).append("]\n");
    }

    private static void optional(StringBuilder out, String label, String value) {
        if (!value.isEmpty()) {
            line(out, label, value);
        }
    }

    private static void list(StringBuilder out, String label, java.util.List<String> values) {
        if (!values.isEmpty()) {
            line(out, label, String.join(", ", values));
        }
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(label).append(": ").append(value).append('\n');
    }
}
