package io.mcpbridge.dr.health.config;

import io.mcpbridge.dr.events.alert.AlertEvent;
import io.mcpbridge.dr.events.alert.AlertStatus;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.events.health.ProbeKind;
import io.mcpbridge.dr.events.health.TargetHealth;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Event records this service serialises with Jackson outside the REST layer; a native image needs them
 * registered, since nothing else tells the build that they are reflected upon.
 */
@RegisterForReflection(
        targets = {
            TargetHealth.class, HealthState.class, ProbeKind.class,
            AlertEvent.class, AlertStatus.class, Severity.class
        })
public final class NativeReflection {

    private NativeReflection() {}
}
