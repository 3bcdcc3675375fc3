package io.mcpbridge.dr.events.notify;

import io.mcpbridge.dr.events.alert.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A request to tell people something, by the plan's communication matrix. Payload of
 * {@code mcpdr.notify.requested.v1} on {@code mcp-dr.commands.notify}, keyed by incident id. The fields
 * are those the plan's "Initial Alert" and "Recovery Complete" templates name; any of them may be absent
 * and is then shown as "unknown".
 *
 * @param id                the notification's id: one delivery per (id, channel), whatever the redelivery
 * @param incidentId        the incident it belongs to; PagerDuty's dedup_key
 * @param kind              what it is about
 * @param severity          the plan's severity; decides the channels
 * @param component         the MCP Bridge component
 * @param summary           one line saying what happened
 * @param affectedServices  Gateway, Router, Redis, ...
 * @param customerImpact    None, Minimal, Moderate or Severe
 * @param status            current status, e.g. Investigating, Recovering, Resolved
 * @param nextUpdate        when people hear again, e.g. "In 15 minutes"
 * @param duration          how long the incident lasted (resolved, drills)
 * @param rootCause         brief root cause (resolved)
 * @param dataLoss          None, or what was lost
 * @param incidentCommander who leads the response
 * @param bridgeUrl         the conference bridge
 * @param links             runbook, dashboard, postmortem links
 * @param details           further facts worth showing, in order (RTO and RPO of a drill, a backup's size)
 * @param startedAt         when the incident started
 * @param requestedAt       when the notification was requested
 * @param audiences         empty: the plan decides who hears (the usual case); else an engineer asked for exactly
 *                          these audiences of the communication plan to be told now ({@code drctl tell}: the plan's
 *                          "As needed"), and {@code summary} holds the engineer's words for them
 */
public record NotificationRequest(
        String id,
        String incidentId,
        NotificationKind kind,
        Severity severity,
        String component,
        String summary,
        List<String> affectedServices,
        String customerImpact,
        String status,
        String nextUpdate,
        Duration duration,
        String rootCause,
        String dataLoss,
        String incidentCommander,
        String bridgeUrl,
        List<NotificationLink> links,
        Map<String, String> details,
        Instant startedAt,
        Instant requestedAt,
        List<String> audiences) {

    public NotificationRequest {
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
    }

    /** Whether an engineer asked for these audiences to be told (rather than the plan deciding). */
    public boolean asked() {
        return !audiences.isEmpty();
    }

    /**
     * A notice that is not an incident's change (a DEGRADED target, a failed backup, a refused record): what
     * happened, to whom it matters and why; the incident fields (duration, root cause, data loss, commander,
     * bridge, links, next update) stay empty.
     *
     * @param group the {@code incidentId} its notices share (Slack threads them; PagerDuty would dedup by it)
     */
    public static NotificationRequest notice(
            String id,
            String group,
            NotificationKind kind,
            Severity severity,
            String component,
            String summary,
            String customerImpact,
            String status,
            Map<String, String> details,
            Instant startedAt,
            Instant requestedAt) {
        return new NotificationRequest(
                id,
                group,
                kind,
                severity,
                component,
                summary,
                component == null ? List.of() : List.of(component),
                customerImpact,
                status,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                details,
                startedAt,
                requestedAt,
                List.of());
    }
}
