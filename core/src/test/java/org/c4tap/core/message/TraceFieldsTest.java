package org.c4tap.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.c4tap.core.report.AuthenticationVerdict;
import org.c4tap.core.report.ReceivedHop;
import org.junit.jupiter.api.Test;

class TraceFieldsTest {

    @Test
    void receivedHops() {
        List<ReceivedHop> hops = TraceFields.received(List.of(
                "from mx.bank-a.example (mx.bank-a.example [10.0.0.5])\r\n by mbox.bank-a.example (Postfix) with ESMTP id 4A1;"
                        + " Thu, 26 Nov 2026 10:15:03 +0900",
                "from mail.invoice-check.example.net (unknown [203.0.113.7]) by mx.bank-a.example with ESMTPS id x; Thu, 26 Nov 2026 10:15:01 +0900",
                "from [IPv6:2001:db8::25] by relay.example.org; Thu, 26 Nov 2026 01:00:00 +0000",
                "garbage without clauses"));
        assertThat(hops.get(0)).isEqualTo(new ReceivedHop("mx.bank-a.example", "mbox.bank-a.example", "10.0.0.5", "ESMTP",
                "Thu, 26 Nov 2026 10:15:03 +0900"));
        assertThat(hops.get(1).ip()).isEqualTo("203.0.113.7");
        assertThat(hops.get(1).with()).isEqualTo("ESMTPS");
        assertThat(hops.get(2).ip()).isEqualTo("2001:db8::25");
        assertThat(hops.get(3)).isEqualTo(new ReceivedHop("", "", "", "", ""));
    }

    @Test
    void authenticationResults() {
        List<AuthenticationVerdict> verdicts = TraceFields.authentication(List.of(
                "mx.bank-a.example; spf=fail (sender IP is 203.0.113.7) smtp.mailfrom=invoice-check.example.net;"
                        + " dkim=none (message not signed) header.d=none; dmarc=fail action=none header.from=bank-a.example"));
        assertThat(verdicts).extracting(AuthenticationVerdict::method).containsExactly("spf", "dkim", "dmarc");
        assertThat(verdicts.get(0)).isEqualTo(new AuthenticationVerdict("mx.bank-a.example", "spf", "fail",
                "smtp.mailfrom=invoice-check.example.net"));
        assertThat(verdicts.get(2).properties()).isEqualTo("action=none header.from=bank-a.example");
    }
}
