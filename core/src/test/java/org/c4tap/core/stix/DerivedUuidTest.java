package org.c4tap.core.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class DerivedUuidTest {

    private static final UUID DNS_NAMESPACE = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    @Test
    void version5MatchesTheWellKnownValue() {
        // The value Python's uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") documents.
        assertThat(DerivedUuid.version5(DNS_NAMESPACE, "python.org"))
                .isEqualTo(UUID.fromString("886313e1-3b8a-5372-9b90-0c9aee199e5d"));
    }

    @Test
    void version4IsRepeatableAndMarkedAsVersion4() {
        UUID first = DerivedUuid.version4(DNS_NAMESPACE, "python.org");

        assertThat(first).isEqualTo(DerivedUuid.version4(DNS_NAMESPACE, "python.org"));
        assertThat(first.version()).isEqualTo(4);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(first).isNotEqualTo(DerivedUuid.version4(DNS_NAMESPACE, "python.org."));
    }
}
