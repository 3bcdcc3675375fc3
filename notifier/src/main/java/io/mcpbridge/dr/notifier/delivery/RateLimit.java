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
    /** Of the window, what only a new incident's first message may use: pages never wait for updates' room. */
    private final int reserved;

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
        this.reserved = requests >= 5 ? requests / 5 : 0;
        this.windowNanos = window.toNanos();
        this.spacingNanos = spacing.toNanos();
    }

    /**
     * Nanoseconds to wait before the next send may go, 0 when it may go now. A fifth of the window is kept for
     * {@code urgent} sends (a new incident's page), so a burst of updates and change events never uses up the
     * room a page needs.
     */
    long waitNanos(long now, boolean urgent) {
        long wait = blocked ? blockedUntil - now : 0;
        if (requests > 0) {
            while (!sent.isEmpty() && now - sent.peekFirst() >= windowNanos) {
                sent.pollFirst();
            }
            int allowed = urgent ? requests : requests - reserved;
            if (sent.size() >= allowed) {
                // The send that must leave the window before this one may go.
                long leaving =
                        sent.stream().skip(sent.size() - allowed).findFirst().orElseThrow();
                wait = Math.max(wait, leaving + windowNanos - now);
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
