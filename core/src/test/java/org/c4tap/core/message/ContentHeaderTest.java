package org.c4tap.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ContentHeaderTest {

    @Test
    void rfc2231ContinuationsInIso2022JpAreJoinedAsBytes() {
        byte[] name = "請求書_2026年11月.zip".getBytes(Charset.forName("ISO-2022-JP"));
        String encoded = percent(name);
        int third = encoded.length() / 3;
        String header = "attachment;\r\n filename*0*=iso-2022-jp''" + encoded.substring(0, third) + ";\r\n filename*1*="
                + encoded.substring(third, 2 * third) + ";\r\n filename*2*=" + encoded.substring(2 * third);
        ContentHeader parsed = ContentHeader.parse(header);
        assertThat(parsed.value()).isEqualTo("attachment");
        assertThat(parsed.parameter("filename")).contains("請求書_2026年11月.zip");
        assertThat(parsed.problems()).isEmpty();
    }

    @Test
    void rfc2047InsideAQuotedNameIsDecoded() {
        String word = "=?UTF-8?B?" + Base64.getEncoder().encodeToString("見積書.pdf".getBytes(StandardCharsets.UTF_8)) + "?=";
        ContentHeader parsed = ContentHeader.parse("application/pdf; name=\"" + word + "\"");
        assertThat(parsed.value()).isEqualTo("application/pdf");
        assertThat(parsed.parameter("name")).contains("見積書.pdf");
    }

    @Test
    void singleExtendedValueAndMixedSections() {
        assertThat(ContentHeader.parse("attachment; filename*=UTF-8''%E8%AB%8B%E6%B1%82.xlsm").parameter("filename"))
                .contains("請求.xlsm");
        assertThat(ContentHeader.parse("attachment; filename*0=\"long \"; filename*1=\"name.txt\"").parameter("filename"))
                .contains("long name.txt");
    }

    @Test
    void malformedParametersAreReportedNotThrown() {
        ContentHeader parsed = ContentHeader.parse("text/plain; charset=\"utf-8; broken; =x; name*9*=a");
        assertThat(parsed.value()).isEqualTo("text/plain");
        assertThat(parsed.problems()).isNotEmpty();
        assertThat(ContentHeader.parse(null).value()).isEmpty();
        assertThat(ContentHeader.parse("multipart/mixed; boundary=\"=_abc\"").parameter("BOUNDARY")).contains("=_abc");
    }

    @Test
    void brokenMobileCarrierAddressesAreKept() {
        assertThat(Mailbox.parseList("\"=?UTF-8?B?5bGx55Sw?=\" <yamada..taro.@docomo.ne.jp>, x.@ezweb.ne.jp (旧アドレス)"))
                .containsExactly(new Mailbox("山田", "yamada..taro.@docomo.ne.jp"), new Mailbox("旧アドレス", "x.@ezweb.ne.jp"));
        assertThat(Mailbox.parseList("Undisclosed recipients:;")).isEmpty();
        assertThat(Mailbox.parseList("team: a@x.example, b@x.example;")).extracting(Mailbox::address)
                .containsExactly("a@x.example", "b@x.example");
    }

    /** SubmissionFuzzTest, 2026-12-07: a ')' before the first '(' made an inverted substring. */
    @Test
    void aClosingParenthesisBeforeAnyOpeningOneIsNoComment() {
        assertThat(Mailbox.parseList("a) keiri@evil.example (b")).containsExactly(new Mailbox("", "keiri@evil.example"));
    }

    private static String percent(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%%%02X", b & 0xFF));
        }
        return out.toString();
    }
}
