package io.mcpbridge.dr.testing.stub;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Counting over a sliding time window, to check that a sender kept to a service's rate limit. */
final class SlidingWindow {

    private SlidingWindow() {}

    /**
     * The largest number of instants that fall within any half-open window {@code [t, t + window)}: two
     * requests exactly one window apart are never counted together, so a sender spacing messages by exactly
     * one second has a maximum of 1 per second.
     */
    static int maxInAnyWindow(Collection<Instant> instants, Duration window) {
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        List<Instant> sorted = instants.stream().sorted().toList();
        int best = 0;
        int first = 0;
        for (int last = 0; last < sorted.size(); last++) {
            // Anything at or before the cutoff is a full window (or more) older than the last one.
            Instant cutoff = sorted.get(last).minus(window);
            while (!sorted.get(first).isAfter(cutoff)) {
                first++;
            }
            best = Math.max(best, last - first + 1);
        }
        return best;
    }
}
