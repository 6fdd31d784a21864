package org.c4tap.core.registry;

import java.util.Optional;

/** The critical-infrastructure sectors of the CEPTOAR Council, each with one CEPTOAR. */
public enum Sector {
    TELECOM("telecom", "情報通信"),
    CABLE_TV("cable_tv", "ケーブルテレビ"),
    BROADCASTING("broadcasting", "放送"),
    BANKING("banking", "金融（銀行等）"),
    SECURITIES("securities", "金融（証券）"),
    LIFE_INSURANCE("life_insurance", "金融（生命保険）"),
    NON_LIFE_INSURANCE("non_life_insurance", "金融（損害保険）"),
    AVIATION("aviation", "航空"),
    ELECTRIC_POWER("electric_power", "電力"),
    GAS("gas", "ガス"),
    LOCAL_GOVERNMENT("local_government", "地方公共団体"),
    WATER("water", "水道"),
    LOGISTICS("logistics", "物流"),
    RAILWAY("railway", "鉄道"),
    MEDICAL("medical", "医療");

    private final String key;
    private final String nameJa;

    Sector(String key, String nameJa) {
        this.key = key;
        this.nameJa = nameJa;
    }

    public String key() {
        return key;
    }

    public String nameJa() {
        return nameJa;
    }

    public static Optional<Sector> fromKey(String key) {
        for (Sector sector : values()) {
            if (sector.key.equals(key)) {
                return Optional.of(sector);
            }
        }
        return Optional.empty();
    }
}
