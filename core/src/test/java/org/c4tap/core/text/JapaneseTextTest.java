package org.c4tap.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Every Japanese pitfall of REFERENCES.md, built here from the bytes real mailers write. */
class JapaneseTextTest {

    private static final Charset ISO_2022_JP = Charset.forName("ISO-2022-JP");
    private static final Charset CP50220 = Charset.forName("x-windows-50220");
    private static final Charset WINDOWS_31J = Charset.forName("windows-31j");

    @Test
    void eightBitBytesUnderASevenBitLabelAreMislabelledWhateverTheLabelsDecoderAccepts() {
        // James's class path has a UTF-7 decoder that takes 8-bit bytes silently; ISO-2022-KR stands for it here
        DecodedText text = TextDecoder.decode("口座の確認 https://evil.example/".getBytes(StandardCharsets.UTF_8), "ISO-2022-KR");
        assertThat(text.text()).isEqualTo("口座の確認 https://evil.example/");
        assertThat(text.mislabel()).contains("labelled 'iso-2022-kr', read as UTF-8");
    }

    @Test
    void validUtf8WinsOverAHigherScoringShiftJisReading() {
        DecodedText text = TextDecoder.decode("請求書.xlsx".getBytes(StandardCharsets.UTF_8), null);
        assertThat(text.text()).isEqualTo("請求書.xlsx");
        assertThat(EncodedWords.decode(new String("経理部 佐藤".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)).text())
                .isEqualTo("経理部 佐藤");
        assertThat(EncodedWords.decode(new String("【重要】".getBytes(ISO_2022_JP), StandardCharsets.ISO_8859_1)).text())
                .as("raw ISO-2022-JP in a header").isEqualTo("【重要】");
    }

    @Test
    void anEncodedWordSplitInTheMiddleOfAUtf8CharacterIsJoinedBeforeDecoding() {
        byte[] bytes = "【至急】請求書".getBytes(StandardCharsets.UTF_8);
        byte[] first = Arrays.copyOfRange(bytes, 0, 4);   // ends inside 至 (3 bytes after 【)
        byte[] second = Arrays.copyOfRange(bytes, 4, bytes.length);
        String header = "=?UTF-8?B?" + b64(first) + "?= =?UTF-8?B?" + b64(second) + "?=";
        assertThat(EncodedWords.decode(header).text()).isEqualTo("【至急】請求書");
        assertThat(EncodedWords.decode(header).problems()).isEmpty();
    }

    @Test
    void anIso2022JpWordSplitInsideAnEscapeSequenceIsJoinedBeforeDecoding() {
        byte[] bytes = "ご請求書送付のお知らせ".getBytes(ISO_2022_JP);
        byte[] first = Arrays.copyOfRange(bytes, 0, 2);   // ESC $ | B …
        byte[] second = Arrays.copyOfRange(bytes, 2, bytes.length);
        String header = "=?ISO-2022-JP?B?" + b64(first) + "?=\r\n =?ISO-2022-JP?B?" + b64(second) + "?=";
        assertThat(EncodedWords.decodeText(header)).isEqualTo("ご請求書送付のお知らせ");
    }

    @Test
    void qEncodingAndMixedCharsetsAndPlainText() {
        String header = "Re: =?UTF-8?Q?=E8=AB=8B=E6=B1=82_=E6=9B=B8?= and =?iso-8859-1?q?caf=E9?=";
        assertThat(EncodedWords.decodeText(header)).isEqualTo("Re: 請求 書 and café");
    }

    @Test
    void necAndIbmExtensionCharactersUnderAPlainIso2022JpLabelDecode() {
        String text = "①㈱№髙﨑";
        byte[] bytes = text.getBytes(CP50220);
        assertThat(TextDecoder.decode(bytes, "ISO-2022-JP").text()).isEqualTo(text);
        assertThat(EncodedWords.decodeText("=?ISO-2022-JP?B?" + b64(bytes) + "?=")).isEqualTo(text);
    }

    @Test
    void utf8LabelledIso2022JpIsReadAsUtf8AndSaysSo() {
        DecodedText decoded = TextDecoder.decode("セキュリティ警告".getBytes(StandardCharsets.UTF_8), "iso-2022-jp");
        assertThat(decoded.text()).isEqualTo("セキュリティ警告");
        assertThat(decoded.charset()).isEqualTo("UTF-8");
        assertThat(decoded.mislabel()).hasValueSatisfying(reason -> assertThat(reason).contains("iso-2022-jp"));
    }

    @Test
    void shiftJisLabelMeansWindows31J() {
        String text = "髙橋～ＮＥＣ特殊①";
        DecodedText decoded = TextDecoder.decode(text.getBytes(WINDOWS_31J), "Shift_JIS");
        assertThat(decoded.text()).isEqualTo(text);
        assertThat(decoded.mislabel()).isEmpty();
    }

    @Test
    void missingAndUnknownLabelsAreGuessedFromTheBytes() {
        assertThat(TextDecoder.decode("添付をご確認".getBytes(WINDOWS_31J), null).text()).isEqualTo("添付をご確認");
        assertThat(TextDecoder.decode("添付をご確認".getBytes(StandardCharsets.UTF_8), "x-unknown-charset").text()).isEqualTo("添付をご確認");
        assertThat(TextDecoder.decode("添付をご確認".getBytes(ISO_2022_JP), "").text()).isEqualTo("添付をご確認");
        assertThat(TextDecoder.decode("添付".getBytes(Charset.forName("EUC-JP")), "us-ascii").text()).isEqualTo("添付");
    }

    @Test
    void waveDashAndFullwidthTildeReadTheSameWhicheverEncoderWroteThem() {
        String fromJis = TextDecoder.decode("10\u301C12時".getBytes(StandardCharsets.UTF_8), "utf-8").text();
        String fromWindows = TextDecoder.decode("10～12時".getBytes(WINDOWS_31J), "shift_jis").text();
        String fromIso = EncodedWords.decodeText("=?ISO-2022-JP?B?" + b64("10〜12時".getBytes(ISO_2022_JP)) + "?=");
        assertThat(fromJis).isEqualTo(fromWindows).isEqualTo(fromIso).isEqualTo("10\uFF5E12時");
        assertThat(JisVariants.fold("\u2212\u2016")).isEqualTo("\uFF0D\u2225");
    }

    @Test
    void eightBitHeaderTextWithoutAnEncodingIsRead() {
        String asParsed = new String("重要なお知らせ".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        EncodedWords.Result result = EncodedWords.decode(asParsed);
        assertThat(result.text()).isEqualTo("重要なお知らせ");
        assertThat(result.problems()).anySatisfy(problem -> assertThat(problem).contains("8-bit"));
        String sjis = new String("重要なお知らせ".getBytes(WINDOWS_31J), StandardCharsets.ISO_8859_1);
        assertThat(EncodedWords.decodeText(sjis)).isEqualTo("重要なお知らせ");
    }

    @Test
    void brokenEncodedWordsNeverThrow() {
        assertThat(EncodedWords.decodeText("=?UTF-8?B?***?=")).isEmpty();
        assertThat(EncodedWords.decodeText("=?UTF-8?Q?=ZZ?=")).isEqualTo("=ZZ");
        assertThat(EncodedWords.decodeText("=?x-nope?B?5Lqk?=")).isEqualTo("交");
        assertThat(EncodedWords.decodeText("=?UTF-8?B?5Lqk")).isEqualTo("=?UTF-8?B?5Lqk");
        assertThat(EncodedWords.decodeText("x".repeat(100_000))).hasSize(16 * 1024);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
