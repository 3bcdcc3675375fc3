package io.mcpbridge.dr.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Pacing by the provider's window: a burst goes at once while the window allows it, then waits for room. */
class RateLimitTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void aBurstWithinTheWindowGoesAtOnceAndTheNextWaitsForTheOldestToLeaveIt() {
        RateLimit pagerDuty = new RateLimit(3, Duration.ofSeconds(60), Duration.ZERO);
        long t = 1_000 * SECOND;
        for (int i = 0; i < 3; i++) {
            assertThat(pagerDuty.waitNanos(t + i, false)).as("send " + i).isZero();
            pagerDuty.sent(t + i);
        }
        assertThat(pagerDuty.waitNanos(t + 3, false))
                .as("the fourth in the window waits")
                .isEqualTo(60 * SECOND - 3);
        assertThat(pagerDuty.waitNanos(t + 60 * SECOND, false))
                .as("once the first left the window")
                .isZero();
    }

    @Test
    void spacingKeepsTwoSendsApartAndAPauseHoldsTheChannel() {
        RateLimit slack = new RateLimit(0, Duration.ZERO, Duration.ofSeconds(1));
        long t = 5 * SECOND;
        assertThat(slack.waitNanos(t, false)).isZero();
        slack.sent(t);
        assertThat(slack.waitNanos(t + SECOND / 4, false)).isEqualTo(3 * SECOND / 4);
        slack.pause(t + SECOND, Duration.ofSeconds(30));
        assertThat(slack.waitNanos(t + 2 * SECOND, false)).as("Retry-After: 30").isEqualTo(29 * SECOND);
    }

    @Test
    void aFifthOfTheWindowIsKeptForPagesSoUpdatesNeverUseUpTheirRoom() {
        RateLimit pagerDuty = new RateLimit(10, Duration.ofSeconds(60), Duration.ZERO);
        long t = 1_000 * SECOND;
        for (int i = 0; i < 8; i++) {
            assertThat(pagerDuty.waitNanos(t + i, false)).as("update " + i).isZero();
            pagerDuty.sent(t + i);
        }
        assertThat(pagerDuty.waitNanos(t + 8, false)).as("a ninth update waits").isPositive();
        assertThat(pagerDuty.waitNanos(t + 8, true)).as("a page goes at once").isZero();
        pagerDuty.sent(t + 8);
        pagerDuty.sent(t + 9);
        assertThat(pagerDuty.waitNanos(t + 10, true))
                .as("the whole window used: even a page waits")
                .isPositive();
    }
}
