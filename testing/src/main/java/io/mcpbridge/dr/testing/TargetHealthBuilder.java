package io.mcpbridge.dr.testing;

import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.events.health.ProbeKind;
import io.mcpbridge.dr.events.health.TargetHealth;
import java.time.Instant;

/**
 * Test data: a health event as health-monitor would publish it, with defaults for what a test does not care
 * about (an HTTP probe of the component, UP before, three results in a row).
 *
 * <pre>{@code TargetHealthBuilder.of("gateway").down().at(now).build()}</pre>
 */
public final class TargetHealthBuilder {

    private final String component;
    private String target;
    private ProbeKind kind = ProbeKind.HTTP;
    private String endpoint;
    private HealthState state = HealthState.UP;
    private HealthState previous = HealthState.UP;
    private Instant since = Instant.now();
    private Instant observedAt;
    private int consecutive = 3;
    private long latencyMs = 5;
    private String lastError;

    private TargetHealthBuilder(String component) {
        this.component = component;
        this.target = component;
        this.endpoint = "http://" + component + "/health";
    }

    public static TargetHealthBuilder of(String component) {
        return new TargetHealthBuilder(component);
    }

    /** UP to DOWN, with an HTTP 503 as the last error. */
    public TargetHealthBuilder down() {
        return state(HealthState.DOWN).previously(HealthState.UP).lastError("HTTP 503");
    }

    /** DOWN to UP. */
    public TargetHealthBuilder recovered() {
        return state(HealthState.UP).previously(HealthState.DOWN).lastError(null);
    }

    public TargetHealthBuilder state(HealthState state) {
        this.state = state;
        return this;
    }

    public TargetHealthBuilder previously(HealthState previous) {
        this.previous = previous;
        return this;
    }

    /** When the state began and when it was observed. */
    public TargetHealthBuilder at(Instant at) {
        this.since = at;
        this.observedAt = at;
        return this;
    }

    public TargetHealthBuilder observedAt(Instant observedAt) {
        this.observedAt = observedAt;
        return this;
    }

    public TargetHealthBuilder target(String target) {
        this.target = target;
        return this;
    }

    public TargetHealthBuilder probe(ProbeKind kind, String endpoint) {
        this.kind = kind;
        this.endpoint = endpoint;
        return this;
    }

    public TargetHealthBuilder consecutive(int consecutive) {
        this.consecutive = consecutive;
        return this;
    }

    public TargetHealthBuilder lastError(String lastError) {
        this.lastError = lastError;
        return this;
    }

    public TargetHealth build() {
        return new TargetHealth(
                target,
                component,
                kind,
                endpoint,
                state,
                previous,
                since,
                consecutive,
                latencyMs,
                lastError,
                observedAt == null ? since : observedAt);
    }
}
