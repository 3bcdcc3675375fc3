package io.mcpbridge.dr.health.probe;

import java.time.Duration;

/** Monotonic elapsed time of one probe. */
final class Stopwatch {

    private final long startNanos = System.nanoTime();

    private Stopwatch() {}

    static Stopwatch start() {
        return new Stopwatch();
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
