package org.c4tap.cli.demo;

import java.util.List;
import java.util.Optional;
import org.c4tap.core.registry.Role;
import org.c4tap.core.registry.Sector;

/**
 * One party of the demo: a key and certificate, and (except for the council itself) an
 * organisation of the registry with its notice address.
 *
 * @param name         the file name stem: {@code <name>.p12}, {@code <name>.pem}
 * @param organisation the registry id, empty for the council
 * @param addresses    the certificate's e-mail addresses; the first receives notices
 * @param onOperator   whether the notice mailbox lives on the operator's server
 */
public record DemoParty(
        String name,
        Optional<String> organisation,
        String nameJa,
        String nameEn,
        Optional<Sector> sector,
        Optional<Role> role,
        boolean agreedToRules,
        List<String> addresses,
        boolean onOperator) {

    public String noticeAddress() {
        return addresses.get(0);
    }

    public String domain() {
        return noticeAddress().substring(noticeAddress().indexOf('@') + 1);
    }
}
