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
            assertThat(pagerDuty.waitNanos(t + i)).as("send " + i).isZero();
            pagerDuty.sent(t + i);
        }
        assertThat(pagerDuty.waitNanos(t + 3))
                .as("the fourth in the window waits")
                .isEqualTo(60 * SECOND - 3);
        assertThat(pagerDuty.waitNanos(t + 60 * SECOND))
                .as("once the first left the window")
                .isZero();
    }

    @Test
    void spacingKeepsTwoSendsApartAndAPauseHoldsTheChannel() {
        RateLimit slack = new RateLimit(0, Duration.ZERO, Duration.ofSeconds(1));
        long t = 5 * SECOND;
        assertThat(slack.waitNanos(t)).isZero();
        slack.sent(t);
        assertThat(slack.waitNanos(t + SECOND / 4)).isEqualTo(3 * SECOND / 4);
        slack.pause(t + SECOND, Duration.ofSeconds(30));
        assertThat(slack.waitNanos(t + 2 * SECOND)).as("Retry-After: 30").isEqualTo(29 * SECOND);
    }
}
