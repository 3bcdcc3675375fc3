package io.mcpbridge.dr.notifier.support;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationLink;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds notification requests for tests: sensible values, change only what a test is about. */
public final class Notifications {

    private String id = UUID.randomUUID().toString();
    private String incidentId = "inc-" + UUID.randomUUID();
    private NotificationKind kind = NotificationKind.INCIDENT_OPENED;
    private Severity severity = Severity.CRITICAL;
    private String summary = "Gateway /health reports healthy=false";
    private final Map<String, String> details = new LinkedHashMap<>();
    private List<NotificationLink> links = List.of(new NotificationLink("Runbook", "https://runbooks.example.com/sf"));
    private boolean sparse;
    private boolean fromCoordinator;
    private Instant startedAt = Instant.now();
    private List<String> audiences = List.of();

    /** The request as the coordinator publishes it on mcp-dr.commands.notify. */
    public static EventEnvelope envelope(NotificationRequest request) {
        return new EventEnvelope(
                request.id(), EventType.NOTIFY_REQUESTED, "/mcp-dr/test", request.incidentId(), Instant.now(), request);
    }

    public static Notifications notification() {
        return new Notifications();
    }

    public Notifications id(String id) {
        this.id = id;
        return this;
    }

    public Notifications incident(String incidentId) {
        this.incidentId = incidentId;
        return this;
    }

    public Notifications kind(NotificationKind kind) {
        this.kind = kind;
        return this;
    }

    public Notifications severity(Severity severity) {
        this.severity = severity;
        return this;
    }

    public Notifications summary(String summary) {
        this.summary = summary;
        return this;
    }

    public Notifications detail(String name, String value) {
        details.put(name, value);
        return this;
    }

    public Notifications links(List<NotificationLink> links) {
        this.links = links;
        return this;
    }

    /** When the incident started (its deadlines count from here). */
    public Notifications startedAt(Instant startedAt) {
        this.startedAt = startedAt;
        return this;
    }

    /**
     * As the coordinator sends it: what the notifier fills itself (next update, commander, bridge) left out, and no
     * links.
     */
    public Notifications fromCoordinator() {
        this.fromCoordinator = true;
        return this;
    }

    /** As {@code drctl tell} asks, through the coordinator: these audiences, the summary the engineer's words. */
    public Notifications audiences(String... audiences) {
        this.audiences = List.of(audiences);
        return this;
    }

    /** Only the required fields: everything else must render as "unknown". */
    public Notifications sparse() {
        this.sparse = true;
        return this;
    }

    public NotificationRequest build() {
        if (sparse) {
            return new NotificationRequest(
                    id,
                    incidentId,
                    kind,
                    severity,
                    null,
                    summary,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        return new NotificationRequest(
                id,
                incidentId,
                kind,
                severity,
                "gateway",
                summary,
                List.of("Gateway"),
                "Severe",
                kind == NotificationKind.INCIDENT_RESOLVED ? "Resolved" : "Investigating",
                fromCoordinator ? null : "In 15 minutes",
                Duration.ofMinutes(12).plusSeconds(5),
                "Bad deploy rolled back",
                "None",
                fromCoordinator ? null : "mcp-dr automation",
                fromCoordinator ? null : "https://meet.example.com/mcp",
                fromCoordinator ? List.of() : links,
                details,
                startedAt,
                Instant.now(),
                audiences);
    }
}
