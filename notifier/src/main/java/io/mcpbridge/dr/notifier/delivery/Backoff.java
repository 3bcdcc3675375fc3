package io.mcpbridge.dr.notifier.delivery;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter (a random delay up to initial x 2^attempt, capped), so that a
 * recovering peer is not hit by every sender at once; a peer's Retry-After always wins, because ignoring it
 * repeatedly gets a Slack app disabled.
 */
record Backoff(Duration initial, Duration max) {

    Duration delay(int attempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return retryAfter.get();
        }
        long cap = Math.min(max.toMillis(), initial.toMillis() << Math.min(attempt, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(initial.toMillis() / 2, Math.max(cap, 1) + 1));
    }
}
