package org.c4tap.core.inspection;

import java.util.Optional;
import java.util.Set;

/** What examining one file found: its flags, including those inside it, and its listing if it is an archive. */
record Findings(Set<Flag> flags, Optional<ArchiveListing> listing) {

    Findings {
        flags = Flag.frozen(flags);
    }
}
