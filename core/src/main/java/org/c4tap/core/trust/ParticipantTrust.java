package org.c4tap.core.trust;

import org.c4tap.core.registry.Organisation;
import org.c4tap.core.registry.Registry;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.smime.OpenFailure;
import org.c4tap.core.smime.OpenFailure.Reason;
import org.c4tap.core.smime.Opened;

/**
 * The council's rule for accepting a report: it must be signed with the very certificate the
 * registry pins for a gateway of an active organisation. A valid signature by anyone else is
 * refused.
 */
public final class ParticipantTrust {

    private ParticipantTrust() {
    }

    public static Organisation provider(Opened opened, Registry registry) throws OpenFailure {
        Organisation organisation = registry.byGatewayCertificate(opened.signer()).orElseThrow(() ->
                new OpenFailure(Reason.UNKNOWN_SIGNER, "the signer " + Certificates.describe(opened.signer())
                        + " is not a registered gateway"));
        if (!organisation.active()) {
            throw new OpenFailure(Reason.INACTIVE_ORGANISATION, "organisation '" + organisation.id() + "' is not active");
        }
        return organisation;
    }
}
