package io.mcpbridge.dr.drctl.state;

import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import java.time.Duration;
import java.time.Instant;

/**
 * One incident in a list ({@code drctl incidents -o json}, {@code status}): what it is, where it stands and its
 * recovery times against the plan's targets; {@code drctl incident ID -o json} prints the whole incident.
 *
 * @param rto       detected to recovered, or to now while it is open
 * @param rtoTarget the plan's RTO for its severity
 * @param rpo       the age of the newest backup of its data when it was detected
 */
public record IncidentSummary(
        String id,
        String component,
        String scenario,
        Severity severity,
        IncidentState state,
        String summary,
        Instant detectedAt,
        Instant resolvedAt,
        Duration rto,
        Duration rtoTarget,
        Duration rpo,
        String lastBackupId) {

    public static IncidentSummary of(Incident incident, Instant now) {
        return new IncidentSummary(
                incident.id(),
                incident.component(),
                incident.scenario(),
                incident.severity(),
                incident.state(),
                incident.summary(),
                incident.detectedAt(),
                incident.resolvedAt(),
                rto(incident, now),
                incident.rtoTarget(),
                incident.rpo(),
                incident.lastBackupId());
    }

    /** The recorded RTO once recovered; while it is open, the time since detection. */
    public static Duration rto(Incident incident, Instant now) {
        if (incident.recoveredAt() != null || !incident.state().open()) {
            return incident.rto();
        }
        return Duration.between(incident.detectedAt(), now);
    }

    /** Whether the RTO so far is past the plan's target. */
    public boolean overTarget() {
        return rto != null && rtoTarget != null && rto.compareTo(rtoTarget) > 0;
    }
}
