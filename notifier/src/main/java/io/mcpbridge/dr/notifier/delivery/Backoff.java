package io.mcpbridge.dr.notifier.delivery;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: a random delay between half the first delay and initial x 2^attempt (capped
 * at max), so that a recovering peer is not hit by every sender at once, yet never retried at once. A peer's Retry-After wins, because ignoring it
 * repeatedly gets a Slack app disabled, but never beyond max: a peer asking for an hour must not hold a
 * channel's pages and resolves for an hour.
 */
record Backoff(Duration initial, Duration max) {

    Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial-backoff <= max-backoff");
        }
    }

    Duration delay(int attempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return retryAfter.get().compareTo(max) > 0 ? max : retryAfter.get();
        }
        long cap = Math.min(max.toMillis(), initial.toMillis() << Math.min(attempt, 20));
        long floor = Math.min(initial.toMillis() / 2, cap);
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(floor, cap + 1));
    }
}
