package org.c4tap.core.submission;

import static org.assertj.core.api.Assertions.assertThat;

import org.c4tap.core.submission.InlineForward.Field;
import org.c4tap.core.submission.InlineForward.Style;
import org.junit.jupiter.api.Test;

class InlineForwardTest {

    @Test
    void japaneseOutlook() {
        String text = """
                確認お願いします。

                ________________________________
                差出人: 経理部 佐藤 <keiri@invoice-check.example.net>
                送信日時: 2026年11月26日 10:15
                宛先: 山田 太郎 <taro.yamada@bank-a.example>
                CC: 総務 <soumu@bank-a.example>
                件名: 【至急】ご請求書送付のお知らせ

                いつもお世話になっております。
                http://invoice-check.example.net/login
                """;
        InlineForward.Block block = InlineForward.find(text).orElseThrow();
        assertThat(block.style()).isEqualTo(Style.OUTLOOK);
        assertThat(block.field(Field.FROM)).isEqualTo("経理部 佐藤 <keiri@invoice-check.example.net>");
        assertThat(block.field(Field.DATE)).isEqualTo("2026年11月26日 10:15");
        assertThat(block.field(Field.TO)).isEqualTo("山田 太郎 <taro.yamada@bank-a.example>");
        assertThat(block.field(Field.CC)).isEqualTo("総務 <soumu@bank-a.example>");
        assertThat(block.field(Field.SUBJECT)).isEqualTo("【至急】ご請求書送付のお知らせ");
        assertThat(block.body()).startsWith("いつもお世話になっております。").contains("http://invoice-check.example.net/login");
        assertThat(text.substring(block.offset())).startsWith("_____");
    }

    @Test
    void fullWidthFieldNamesAsAJapaneseImeTypesThem() {
        String text = """
                ________________________________
                差出人: 経理部 <keiri@invoice-check.example.net>
                送信日時: 2026年11月26日 10:15
                宛先: 山田 太郎 <taro.yamada@bank-a.example>
                Ｃｃ： 総務 <soumu@bank-a.example>
                ＲＥＰＬＹ－ＴＯ： <collect@evil.example>
                件名: 請求書

                本文
                """;
        InlineForward.Block block = InlineForward.find(text).orElseThrow();
        assertThat(block.field(Field.CC)).isEqualTo("総務 <soumu@bank-a.example>");
        assertThat(block.field(Field.REPLY_TO)).isEqualTo("<collect@evil.example>");
        assertThat(block.field(Field.SUBJECT)).isEqualTo("請求書");
        assertThat(block.body()).isEqualTo("本文");
    }

    @Test
    void englishOutlookWithFullwidthColonsAndNoRule() {
        String text = "FYI\r\n\r\nFrom： Attacker <a@evil.example>\r\nSent: Thursday, November 26, 2026 10:15 AM\r\n"
                + "To: Taro <taro@bank-a.example>\r\nSubject: Invoice overdue\r\n\r\nPlease pay.\r\n";
        InlineForward.Block block = InlineForward.find(text).orElseThrow();
        assertThat(block.style()).isEqualTo(Style.HEADER_BLOCK);
        assertThat(block.field(Field.SUBJECT)).isEqualTo("Invoice overdue");
        assertThat(block.field(Field.FROM)).isEqualTo("Attacker <a@evil.example>");
        assertThat(block.body()).isEqualTo("Please pay.");
    }

    @Test
    void gmailEnglishAndJapanese() {
        InlineForward.Block english = InlineForward.find("""
                ---------- Forwarded message ---------
                From: Evil <a@evil.example>
                Date: Thu, Nov 26, 2026 at 10:15 AM
                Subject: Password expiry
                To: <taro@bank-a.example>

                Click here
                """).orElseThrow();
        assertThat(english.style()).isEqualTo(Style.GMAIL);
        assertThat(english.field(Field.SUBJECT)).isEqualTo("Password expiry");
        assertThat(english.body()).isEqualTo("Click here");
        InlineForward.Block japanese = InlineForward.find("""
                ---------- 転送されたメッセージ ---------
                From: 偽物 <a@evil.example>
                Date: 2026年11月26日(木) 10:15
                Subject: パスワードの有効期限
                To: <taro@bank-a.example>

                こちらをクリック
                """).orElseThrow();
        assertThat(japanese.field(Field.SUBJECT)).isEqualTo("パスワードの有効期限");
    }

    @Test
    void thunderbirdEnglishAndJapanese() {
        InlineForward.Block english = InlineForward.find("""
                -------- Forwarded Message --------
                Subject: \tWire transfer
                Date: \tThu, 26 Nov 2026 10:15:00 +0900
                From: \tCEO <ceo@evil.example>
                To: \ttaro@bank-a.example

                Urgent.
                """).orElseThrow();
        assertThat(english.style()).isEqualTo(Style.THUNDERBIRD);
        assertThat(english.field(Field.FROM)).isEqualTo("CEO <ceo@evil.example>");
        InlineForward.Block japanese = InlineForward.find("""
                -------- 転送メッセージ --------
                件名: \t送金のお願い
                日付: \tThu, 26 Nov 2026 10:15:00 +0900
                差出人: \t社長 <ceo@evil.example>
                宛先: \ttaro@bank-a.example

                至急
                """).orElseThrow();
        assertThat(japanese.field(Field.SUBJECT)).isEqualTo("送金のお願い");
        assertThat(japanese.body()).isEqualTo("至急");
    }

    @Test
    void appleMailQuoted() {
        InlineForward.Block block = InlineForward.find("""
                Begin forwarded message:

                > From: Bank <notice@evil.example>
                > Subject: Account locked
                > Date: November 26, 2026 at 10:15:00 JST
                > To: taro@bank-a.example
                >\s
                > Unlock at https://evil.example/unlock
                """).orElseThrow();
        assertThat(block.style()).isEqualTo(Style.APPLE_MAIL);
        assertThat(block.field(Field.SUBJECT)).isEqualTo("Account locked");
        assertThat(block.body()).contains("https://evil.example/unlock");
    }

    @Test
    void theFirstBlockIsTheForwardedMailAndAttackerQuotedForwardsStayInItsBody() {
        InlineForward.Block block = InlineForward.find("""
                -------- Forwarded Message --------
                Subject: outer
                From: outer@evil.example

                text
                -------- Forwarded Message --------
                Subject: inner
                From: inner@evil.example

                inner text
                """).orElseThrow();
        assertThat(block.field(Field.SUBJECT)).isEqualTo("outer");
        assertThat(block.body()).contains("Subject: inner");
    }

    @Test
    void ordinaryTextIsNoForward() {
        assertThat(InlineForward.find("Hello,\nFrom: the team\nThanks\n")).isEmpty();
        assertThat(InlineForward.find("")).isEmpty();
        assertThat(InlineForward.find(null)).isEmpty();
    }
}
