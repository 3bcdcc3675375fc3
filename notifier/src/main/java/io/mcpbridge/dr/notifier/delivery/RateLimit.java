package io.mcpbridge.dr.notifier.delivery;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A provider's documented rate as the sender keeps it: at most {@code requests} in any {@code window} (PagerDuty
 * about 120 a minute per routing key, Statuspage 60 a minute per key), and at least {@code spacing} between two
 * sends (Slack: about one a second per webhook). So a burst goes out at once while the window allows it, instead
 * of queueing behind a fixed pause after every send; a 429 or 420 still pauses the channel as the peer asks.
 * Used by one channel thread only.
 */
final class RateLimit {

    private final int requests;
    private final long windowNanos;
    private final long spacingNanos;
    private final Deque<Long> sent = new ArrayDeque<>();
    /** Until when no send may go (System.nanoTime() scale, so compared by difference); none yet while unset. */
    private long blockedUntil;

    private boolean blocked;

    /**
     * @param requests at most this many in any window; 0 for no window
     * @param window   the window
     * @param spacing  the least time between two sends
     */
    RateLimit(int requests, Duration window, Duration spacing) {
        this.requests = requests;
        this.windowNanos = window.toNanos();
        this.spacingNanos = spacing.toNanos();
    }

    /** Nanoseconds to wait before the next send may go, 0 when it may go now. */
    long waitNanos(long now) {
        long wait = blocked ? blockedUntil - now : 0;
        if (requests > 0) {
            while (!sent.isEmpty() && now - sent.peekFirst() >= windowNanos) {
                sent.pollFirst();
            }
            if (sent.size() >= requests) {
                wait = Math.max(wait, sent.peekFirst() + windowNanos - now);
            }
        }
        return Math.max(0, wait);
    }

    /** A send was attempted now: it counts in the window and the spacing starts from it. */
    void sent(long now) {
        if (requests > 0) {
            sent.addLast(now);
        }
        block(now + spacingNanos);
    }

    /** The peer asked for a pause (Retry-After), or the channel backs off after a failure. */
    void pause(long now, Duration pause) {
        block(now + pause.toNanos());
    }

    private void block(long until) {
        if (!blocked || until - blockedUntil > 0) {
            blockedUntil = until;
            blocked = true;
        }
    }
}
