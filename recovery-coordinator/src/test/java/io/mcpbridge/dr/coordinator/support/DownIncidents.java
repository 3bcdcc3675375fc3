package io.mcpbridge.dr.coordinator.support;

import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A component's incident as a DOWN transition opens it, for tests of what is stamped on a new incident. */
public final class DownIncidents {

    private DownIncidents() {}

    public static Incident of(String component, Instant detectedAt) {
        return Incident.opened(
                "inc-" + component,
                component,
                "service-failure",
                Map.of(),
                Severity.CRITICAL,
                IncidentState.DETECTED,
                component + " DOWN",
                detectedAt,
                List.of());
    }
}
