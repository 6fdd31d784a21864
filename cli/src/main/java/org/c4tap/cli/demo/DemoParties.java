package org.c4tap.cli.demo;

import java.util.List;
import java.util.Optional;
import org.c4tap.core.registry.Role;
import org.c4tap.core.registry.Sector;

/**
 * The demo's cast: one member operator (a bank) that reports, the council, and one organisation
 * of every role, so that every scope has someone to reach.
 */
public final class DemoParties {

    public static final String OPERATOR_DOMAIN = "bank-a.example";
    public static final String COUNCIL_DOMAIN = "council.example";
    public static final String REPORT_ADDRESS = "report@bank-a.example";
    public static final String GATEWAY_ADDRESS = "c4tap-gateway@bank-a.example";
    public static final String EMPLOYEE = "taro.yamada@bank-a.example";
    public static final String INTAKE_ADDRESS = "intake@council.example";
    /** Where operators that send samples send them; the council gives them to analysts only. */
    public static final String SAMPLES_ADDRESS = "samples@council.example";
    public static final String COUNCIL_NOTICE_ADDRESS = "c4tap@council.example";

    /** The operator's gateway key signs reports; its certificate also receives the bank's notices. */
    public static final DemoParty OPERATOR = new DemoParty("operator", Optional.of("bank-a"), "みらい銀行", "Mirai Bank",
            Optional.of(Sector.BANKING), Optional.of(Role.PARTICIPANT), false,
            List.of("c4tap@bank-a.example", GATEWAY_ADDRESS), true);

    public static final DemoParty COUNCIL = new DemoParty("council", Optional.empty(), "セプターカウンシル", "CEPTOAR Council",
            Optional.empty(), Optional.empty(), false, List.of(INTAKE_ADDRESS, SAMPLES_ADDRESS, COUNCIL_NOTICE_ADDRESS), false);

    public static final DemoParty SECRETARIAT = new DemoParty("secretariat", Optional.of("secretariat"),
            "セプターカウンシル事務局", "CEPTOAR Council Secretariat", Optional.empty(), Optional.of(Role.SECRETARIAT), false,
            List.of("secretariat@council.example"), false);

    public static final DemoParty ANALYST = new DemoParty("analyst", Optional.of("analysts"), "解析チーム", "Analysis Team",
            Optional.empty(), Optional.of(Role.ANALYST), false, List.of("analysts@analysis.example"), false);

    public static final DemoParty PARTICIPANT = new DemoParty("power-b", Optional.of("power-b"), "ひかり電力", "Hikari Electric Power",
            Optional.of(Sector.ELECTRIC_POWER), Optional.of(Role.PARTICIPANT), false, List.of("soc@power-b.example"), false);

    public static final DemoParty OBSERVER = new DemoParty("observer", Optional.of("observer-agreed"), "観測機関", "Observer Institute",
            Optional.empty(), Optional.of(Role.OBSERVER), true, List.of("cert@observer.example"), false);

    public static final DemoParty OBSERVER_PENDING = new DemoParty("observer-pending", Optional.of("observer-pending"),
            "未同意の観測機関", "Observer (rules not yet agreed)", Optional.empty(), Optional.of(Role.OBSERVER), false,
            List.of("noc@observer-pending.example"), false);

    public static final DemoParty RELATED = new DemoParty("related", Optional.of("related"), "関係団体", "Related Association",
            Optional.of(Sector.RAILWAY), Optional.of(Role.RELATED), false, List.of("info@related.example"), false);

    public static final DemoParty PUBLIC = new DemoParty("public", Optional.of("public-list"), "公開リスト", "Public Advisories",
            Optional.empty(), Optional.of(Role.PUBLIC), false, List.of("advisories@public.example"), false);

    /** Every party, the council included. */
    public static final List<DemoParty> ALL = List.of(OPERATOR, COUNCIL, SECRETARIAT, ANALYST, PARTICIPANT, OBSERVER,
            OBSERVER_PENDING, RELATED, PUBLIC);

    /** The parties that are organisations of the registry. */
    public static final List<DemoParty> ORGANISATIONS = ALL.stream().filter(party -> party.organisation().isPresent()).toList();

    private DemoParties() {
    }

    public static DemoParty byOrganisation(String organisation) {
        return ORGANISATIONS.stream().filter(party -> party.organisation().orElseThrow().equals(organisation)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo organisation " + organisation));
    }
}
