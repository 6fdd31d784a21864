package org.c4tap.core.spam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SpamdSettingsTest {

    private static final SpamdSettings DEFAULTS = SpamdSettings.DEFAULTS;

    @Test
    void defaultsAskLocalSpamdWithSpamcsSizeLimit() {
        assertThat(DEFAULTS).isEqualTo(new SpamdSettings("127.0.0.1", 783, Duration.ofSeconds(2), Duration.ofSeconds(10),
                Duration.ofSeconds(15), 512_000, 65_536));
    }

    @Test
    void withersChangeOnlyTheirFields() {
        assertThat(DEFAULTS.withEndpoint("10.0.0.5", 7830)).isEqualTo(new SpamdSettings("10.0.0.5", 7830, Duration.ofSeconds(2),
                Duration.ofSeconds(10), Duration.ofSeconds(15), 512_000, 65_536));
        assertThat(DEFAULTS.withTimeouts(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300)))
                .isEqualTo(new SpamdSettings("127.0.0.1", 783, Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300),
                        512_000, 65_536));
        assertThat(DEFAULTS.withMaxMessageBytes(1).maxMessageBytes()).isEqualTo(1);
        assertThat(DEFAULTS.withMaxResponseBytes(128).maxResponseBytes()).isEqualTo(128);
    }

    @Test
    void theEndpointMustBeUsable() {
        assertThatThrownBy(() -> DEFAULTS.withEndpoint(" ", 783)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DEFAULTS.withEndpoint(null, 783)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> DEFAULTS.withEndpoint("127.0.0.1", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DEFAULTS.withEndpoint("127.0.0.1", 65_536)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timeoutsMustBeWholeMillisecondsUpToADay() {
        Duration second = Duration.ofSeconds(1);
        assertThatThrownBy(() -> DEFAULTS.withTimeouts(Duration.ZERO, second, second)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DEFAULTS.withTimeouts(second, Duration.ofNanos(999_999), second))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DEFAULTS.withTimeouts(second, second, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DEFAULTS.withTimeouts(second, second, Duration.ofDays(2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DEFAULTS.withTimeouts(null, second, second)).isInstanceOf(NullPointerException.class);
        assertThat(DEFAULTS.withTimeouts(Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofDays(1)).deadline()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void sizeLimitsMustLeaveRoomForAnAnswer() {
        assertThatThrownBy(() -> DEFAULTS.withMaxMessageBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DEFAULTS.withMaxResponseBytes(127)).isInstanceOf(IllegalArgumentException.class);
    }
}
