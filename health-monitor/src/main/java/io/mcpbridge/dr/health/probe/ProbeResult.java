package io.mcpbridge.dr.health.probe;

import io.mcpbridge.dr.events.health.HealthState;
import java.time.Duration;
import java.util.Objects;

/**
 * What one probe saw.
 *
 * @param observed UP, DEGRADED or DOWN (never UNKNOWN)
 * @param error    why it was not UP; null when it was
 * @param latency  how long the probe took
 */
public record ProbeResult(HealthState observed, String error, Duration latency) {

    public ProbeResult {
        Objects.requireNonNull(observed, "observed");
        if (observed == HealthState.UNKNOWN) {
            throw new IllegalArgumentException("a probe always reaches a verdict");
        }
    }

    public static ProbeResult up(Duration latency) {
        return new ProbeResult(HealthState.UP, null, latency);
    }

    public static ProbeResult degraded(String why, Duration latency) {
        return new ProbeResult(HealthState.DEGRADED, why, latency);
    }

    public static ProbeResult down(String why, Duration latency) {
        return new ProbeResult(HealthState.DOWN, why, latency);
    }
}
