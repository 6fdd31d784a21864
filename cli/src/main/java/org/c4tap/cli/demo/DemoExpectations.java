package org.c4tap.cli.demo;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.c4tap.core.scope.Part;

/**
 * What each demo organisation must receive when the bank reports with {@code report+green@}, written
 * out by hand from the scope table (DOMAIN.md), independently of the code that computes audiences.
 *
 * <p>With GREEN requested, the operator's standard limits give: indicators, attachments and spam
 * GREEN; original headers, body excerpt and the provider's sector AMBER; the reporter and the
 * provider's name RED.
 */
public final class DemoExpectations {

    private DemoExpectations() {
    }

    public static Map<DemoParty, Set<Part>> greenReport() {
        Set<Part> all = EnumSet.allOf(Part.class);
        Set<Part> amber = EnumSet.of(Part.INDICATORS, Part.ATTACHMENTS, Part.SPAM, Part.HEADERS, Part.BODY, Part.PROVIDER_SECTOR);
        Set<Part> green = EnumSet.of(Part.INDICATORS, Part.ATTACHMENTS, Part.SPAM);
        Map<DemoParty, Set<Part>> expected = new LinkedHashMap<>();
        expected.put(DemoParties.OPERATOR, all);
        expected.put(DemoParties.SECRETARIAT, all);
        expected.put(DemoParties.ANALYST, all);
        expected.put(DemoParties.PARTICIPANT, amber);
        expected.put(DemoParties.OBSERVER, green);
        expected.put(DemoParties.RELATED, green);
        expected.put(DemoParties.OBSERVER_PENDING, EnumSet.noneOf(Part.class));
        expected.put(DemoParties.PUBLIC, EnumSet.noneOf(Part.class));
        return expected;
    }
}
