package io.mcpbridge.dr.notifier.template;

import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationLink;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.quarkus.qute.TemplateData;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A notification as every channel shows it: each field the plan's templates name, filled from the request, else
 * from what the notifier knows ({@link MessageFacts}), else "unknown", so no rendering ever shows an empty slot
 * or template syntax.
 */
@TemplateData
public final class NotificationView {

    static final String UNKNOWN = "unknown";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final NotificationRequest request;
    private final MessageFacts facts;

    public NotificationView(NotificationRequest request) {
        this(request, MessageFacts.NONE);
    }

    /** A view in which the fields the request leaves out are filled from what the notifier knows. */
    public NotificationView(NotificationRequest request, MessageFacts facts) {
        this.request = request;
        this.facts = facts;
    }

    public MessageFacts facts() {
        return facts;
    }

    public NotificationRequest request() {
        return request;
    }

    /** The plan's first line for the kind. */
    public String title() {
        return switch (request.kind()) {
            case INCIDENT_OPENED -> "INCIDENT ALERT - MCP Bridge Service Disruption";
            case INCIDENT_UPDATED -> "INCIDENT UPDATE - MCP Bridge Service Disruption";
            case INCIDENT_ESCALATED -> "INCIDENT ESCALATED - MCP Bridge needs a human";
            case INCIDENT_RESOLVED -> "INCIDENT RESOLVED - MCP Bridge Service Restored";
            case BACKUP_FAILED -> "BACKUP FAILED - MCP Bridge";
            case RESTORE_COMPLETED -> "RESTORE COMPLETED - MCP Bridge";
            case DRILL_STARTED -> "DR DRILL STARTED - MCP Bridge";
            case DRILL_REPORT -> "DR DRILL REPORT - MCP Bridge";
            case ATTENTION -> "ATTENTION - MCP Bridge needs a look";
        };
    }

    public String severity() {
        return request.severity() == null ? UNKNOWN : request.severity().name();
    }

    public String component() {
        return text(request.component());
    }

    public String summary() {
        return text(request.summary());
    }

    public String startTime() {
        return time(request.startedAt());
    }

    public String affectedServices() {
        List<String> services = request.affectedServices();
        return services == null || services.isEmpty() ? UNKNOWN : String.join(", ", services);
    }

    public String customerImpact() {
        return text(request.customerImpact());
    }

    public String status() {
        return text(request.status());
    }

    /** The notifier keeps the update cadence, so its promise is the one shown when it has one. */
    public String nextUpdate() {
        return text(facts.nextUpdate(), request.nextUpdate());
    }

    public String incidentCommander() {
        return text(request.incidentCommander(), facts.onCall());
    }

    public String bridgeUrl() {
        return text(request.bridgeUrl(), facts.bridgeUrl());
    }

    public String duration() {
        Duration duration = request.duration();
        if (duration == null) {
            return UNKNOWN;
        }
        long minutes = duration.toMinutes();
        return minutes >= 60
                ? String.format("%d h %02d min", minutes / 60, minutes % 60)
                : String.format("%d min %02d s", minutes, duration.toSecondsPart());
    }

    /** Whether the request says how long it lasted (a drill, a restore); operations notices leave it out if not. */
    public boolean hasDuration() {
        return request.duration() != null;
    }

    public boolean hasDataLoss() {
        return request.dataLoss() != null && !request.dataLoss().isBlank();
    }

    public String rootCause() {
        return text(request.rootCause());
    }

    public String dataLoss() {
        return text(request.dataLoss());
    }

    /** The plan's "Action Items: [Link to postmortem]": the postmortem link if there is one. */
    public String actionItems() {
        return links().stream()
                .filter(l -> l.text() != null && l.text().toLowerCase().contains("postmortem"))
                .map(NotificationLink::url)
                .findFirst()
                .orElse(text(facts.actionItems()));
    }

    public List<NotificationLink> links() {
        return request.links() == null
                ? List.of()
                : request.links().stream()
                        .filter(l -> l != null && l.url() != null && !l.url().isBlank())
                        .toList();
    }

    public String incidentId() {
        return text(request.incidentId());
    }

    public boolean resolution() {
        return request.kind() == NotificationKind.INCIDENT_RESOLVED;
    }

    /** The labelled values a structured rendering (Slack fields, PagerDuty details) shows, in order. */
    public Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Severity", severity());
        fields.put("Component", component());
        if (resolution()) {
            fields.put("Duration", duration());
            fields.put("Root Cause", rootCause());
            fields.put("Data Loss", dataLoss());
            fields.put("Action Items", actionItems());
        } else {
            fields.put("Start Time", startTime());
            fields.put("Affected Services", affectedServices());
            fields.put("Customer Impact", customerImpact());
            fields.put("Current Status", status());
            fields.put("Next Update", nextUpdate());
            fields.put("Incident Commander", incidentCommander());
            fields.put("Bridge", bridgeUrl());
        }
        if (request.details() != null) {
            request.details().forEach((name, value) -> fields.putIfAbsent(text(name), text(value)));
        }
        return fields;
    }

    /** Links as "text: url" lines, for plain renderings. */
    public String linkLines() {
        return links().stream().map(l -> text(l.text()) + ": " + l.url()).collect(Collectors.joining("\n"));
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? UNKNOWN : value;
    }

    private static String text(String value, String otherwise) {
        return value == null || value.isBlank() ? text(otherwise) : value;
    }

    private static String time(Instant instant) {
        return instant == null ? UNKNOWN : TIME.format(instant);
    }
}
