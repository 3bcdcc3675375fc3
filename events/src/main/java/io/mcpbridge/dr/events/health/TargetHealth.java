package io.mcpbridge.dr.events.health;

import java.time.Instant;

/**
 * The health of one probe target. Payload of {@code mcpdr.health.changed.v1} (on a transition) and of
 * {@code mcpdr.health.snapshot.v1} (periodically, so a consumer can verify health without waiting for a change).
 *
 * @param target        name of the probe target ({@code gateway}, {@code gateway-cert})
 * @param component     the MCP Bridge component it belongs to; the Kafka key
 * @param kind          how it is probed
 * @param endpoint      what is probed, with any credentials removed
 * @param state         the state now
 * @param previousState the state before the last transition
 * @param since         when the target entered {@code state}
 * @param consecutive   how many probes in a row agreed with the latest result
 * @param latencyMs     duration of the latest probe
 * @param lastError     why the latest failing or degraded probe said so; absent when it was healthy
 * @param observedAt    when the latest probe finished
 */
public record TargetHealth(
        String target,
        String component,
        ProbeKind kind,
        String endpoint,
        HealthState state,
        HealthState previousState,
        Instant since,
        int consecutive,
        long latencyMs,
        String lastError,
        Instant observedAt) {}
