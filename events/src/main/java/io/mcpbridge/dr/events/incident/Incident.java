package io.mcpbridge.dr.events.incident;

import io.mcpbridge.dr.events.alert.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The whole current state of one incident, published to the compacted {@code mcp-dr.incidents} at every
 * change, keyed by its id: the last record of an id is the incident.
 *
 * @param id                 {@code inc-<component>-<UTC start>}, unique
 * @param component          what failed ({@code gateway}, {@code router}, {@code redis})
 * @param scenario           the runbook it runs ({@code service-failure}, ...)
 * @param parameters         what opened it, for its runbook: a command's {@code backup} and {@code scopes},
 *                           or the {@code alert} instance ({@code <fingerprint>@<startsAt>}) that opened it;
 *                           empty for a health transition
 * @param severity           by the plan's component table, or the alert's
 * @param state              where it is
 * @param summary            one line for people
 * @param detectedAt         when the first signal said so
 * @param recoveryStartedAt  when the first action started
 * @param recoveredAt        when verification saw it healthy
 * @param escalatedAt        when it was handed to people
 * @param resolvedAt         when it was closed
 * @param rto                detected to recovered (or to now while open)
 * @param rtoTarget          the plan's target for its severity
 * @param rpo                the age of the last successful backup of the affected data when it was detected
 * @param lastBackupId       that backup
 * @param commander          who acknowledged it and so leads the response ({@code drctl ack}); null until then
 * @param automatedActions   when each automated action ran, for the action budget
 * @param timeline           every transition, step, signal and command, in order
 * @param postmortem         on resolution, a draft in the plan's template, filled from the timeline
 * @param version            1 for the first record, one more at each change
 */
public record Incident(
        String id,
        String component,
        String scenario,
        Map<String, String> parameters,
        Severity severity,
        IncidentState state,
        String summary,
        Instant detectedAt,
        Instant recoveryStartedAt,
        Instant recoveredAt,
        Instant escalatedAt,
        Instant resolvedAt,
        Duration rto,
        Duration rtoTarget,
        Duration rpo,
        String lastBackupId,
        String commander,
        List<Instant> automatedActions,
        List<TimelineEntry> timeline,
        String postmortem,
        long version) {

    public Incident {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        automatedActions = automatedActions == null ? List.of() : List.copyOf(automatedActions);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }

    /**
     * The first version of an incident: nothing done yet, the RTO clock at zero, the plan's RTO target for its
     * severity.
     *
     * @param state    {@link IncidentState#DETECTED}, or {@link IncidentState#SUPPRESSED} in a maintenance window
     * @param timeline its first entries: what opened it
     */
    public static Incident opened(
            String id,
            String component,
            String scenario,
            Map<String, String> parameters,
            Severity severity,
            IncidentState state,
            String summary,
            Instant detectedAt,
            List<TimelineEntry> timeline) {
        return new Incident(
                id,
                component,
                scenario,
                parameters,
                severity,
                state,
                summary,
                detectedAt,
                null,
                null,
                null,
                null,
                Duration.ZERO,
                severity.targetRto(),
                null,
                null,
                null,
                List.of(),
                timeline,
                null,
                1);
    }

    /** This version with another runbook and its parameters (an engineer's hand-over). */
    public Incident withScenario(String scenario, Map<String, String> parameters) {
        return new Incident(
                id,
                component,
                scenario,
                parameters,
                severity,
                state,
                summary,
                detectedAt,
                recoveryStartedAt,
                recoveredAt,
                escalatedAt,
                resolvedAt,
                rto,
                rtoTarget,
                rpo,
                lastBackupId,
                commander,
                automatedActions,
                timeline,
                postmortem,
                version);
    }

    /** This version with its recovery point: the age of the newest backup of its data at detection, and which. */
    public Incident withRecoveryPoint(Duration rpo, String lastBackupId) {
        return new Incident(
                id,
                component,
                scenario,
                parameters,
                severity,
                state,
                summary,
                detectedAt,
                recoveryStartedAt,
                recoveredAt,
                escalatedAt,
                resolvedAt,
                rto,
                rtoTarget,
                rpo,
                lastBackupId,
                commander,
                automatedActions,
                timeline,
                postmortem,
                version);
    }

    /** This version with its postmortem draft. */
    public Incident withPostmortem(String postmortem) {
        return new Incident(
                id,
                component,
                scenario,
                parameters,
                severity,
                state,
                summary,
                detectedAt,
                recoveryStartedAt,
                recoveredAt,
                escalatedAt,
                resolvedAt,
                rto,
                rtoTarget,
                rpo,
                lastBackupId,
                commander,
                automatedActions,
                timeline,
                postmortem,
                version);
    }

    /** This version led by {@code commander}: whoever acknowledged it. */
    public Incident withCommander(String commander) {
        return new Incident(
                id,
                component,
                scenario,
                parameters,
                severity,
                state,
                summary,
                detectedAt,
                recoveryStartedAt,
                recoveredAt,
                escalatedAt,
                resolvedAt,
                rto,
                rtoTarget,
                rpo,
                lastBackupId,
                commander,
                automatedActions,
                timeline,
                postmortem,
                version);
    }
}
