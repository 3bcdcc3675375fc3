package io.mcpbridge.dr.testing;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.events.health.ProbeKind;
import io.mcpbridge.dr.events.health.TargetHealth;
import java.time.Instant;

/** Health events as health-monitor publishes them: a transition, or a periodic snapshot. */
public final class HealthSignals {

    private HealthSignals() {}

    public static EventEnvelope health(
            String component, HealthState previous, HealthState state, boolean transition, Instant at) {
        TargetHealth health = TargetHealthBuilder.of(component)
                .probe(ProbeKind.HTTP, "http://" + component + "/health")
                .state(state)
                .previously(previous)
                .at(at)
                .lastError(state == HealthState.DOWN ? "HTTP 503" : null)
                .build();
        return new EventEnvelope(
                component + ":" + state + ":" + at.toEpochMilli(),
                transition ? EventType.HEALTH_CHANGED : EventType.HEALTH_SNAPSHOT,
                "/test",
                component,
                at,
                health);
    }

    public static EventEnvelope down(String component, Instant at) {
        return health(component, HealthState.UP, HealthState.DOWN, true, at);
    }

    public static EventEnvelope up(String component, Instant at) {
        return health(component, HealthState.DOWN, HealthState.UP, true, at);
    }
}
