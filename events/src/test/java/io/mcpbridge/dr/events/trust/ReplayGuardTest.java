package io.mcpbridge.dr.events.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {

    private static final Instant T0 = Instant.parse("2026-12-01T03:00:00Z");

    @Test
    void aSecondRecordWithTheSameIdIsAReplay() {
        ReplayGuard guard = new ReplayGuard(Duration.ofMinutes(5));

        assertThat(guard.admit("cmd-1", "commands-0@10", T0)).isTrue();
        assertThat(guard.admit("cmd-1", "commands-0@11", T0.plusSeconds(30))).isFalse();
        assertThat(guard.firstPlace("cmd-1")).isEqualTo("commands-0@10");
    }

    @Test
    void theSameRecordDeliveredAgainIsNoReplay() {
        ReplayGuard guard = new ReplayGuard(Duration.ofMinutes(5));
        guard.admit("cmd-1", "commands-0@10", T0);

        assertThat(guard.admit("cmd-1", "commands-0@10", T0)).isTrue();
    }

    @Test
    void idsAreRememberedForTwiceTheSkewThenForgotten() {
        ReplayGuard guard = new ReplayGuard(Duration.ofMinutes(5));
        guard.admit("cmd-1", "commands-0@10", T0);

        assertThat(guard.admit("cmd-1", "commands-0@20", T0.plus(Duration.ofMinutes(9))))
                .isFalse();
        // Past twice the skew any copy fails the freshness check, so the id may go.
        guard.admit("cmd-2", "commands-0@30", T0.plus(Duration.ofMinutes(11)));
        assertThat(guard.firstPlace("cmd-1")).isEqualTo("nowhere");
    }
}
