package io.mcpbridge.dr.notifier.tracking;

import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The messages the tracker sends, made from the incident's latest request. */
final class Messages {

    private static final DateTimeFormatter DUE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Messages() {}

    /**
     * What an audience hears: its first notice is the plan's initial alert (or, once resolved, recovery
     * complete); later, the latest news as it was requested, or a cadence update saying nothing changed.
     */
    static NotificationRequest of(IncidentCommunication record, Obligations.Tell tell, Instant now) {
        if (tell.asked() != null) {
            // The engineer's words, as they were asked for; the incident's facts as they stood then.
            NotificationRequest asked = record.asked().stream()
                    .filter(pending -> pending.id().equals(tell.asked()))
                    .map(EngineerTell::request)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no request " + tell.asked() + " waits"));
            return copy(asked, asked.id(), asked.kind(), asked.summary(), asked.details(), now);
        }
        NotificationRequest latest = record.latest();
        String id = tell.messageId(record.incidentId());
        if (tell.update() > 0) {
            return copy(
                    latest,
                    id,
                    NotificationKind.INCIDENT_UPDATED,
                    "Update " + tell.update() + ": no change since the last message. " + latest.summary(),
                    latest.details(),
                    now);
        }
        NotificationKind kind = tell.first() && !record.resolved() ? NotificationKind.INCIDENT_OPENED : latest.kind();
        return copy(latest, id, kind, latest.summary(), latest.details(), now);
    }

    /** The commander's reminder that an audience has not heard by its deadline, for the internal channels. */
    static NotificationRequest reminder(
            IncidentCommunication record, Obligations.Remind remind, String commander, Instant now) {
        NotificationRequest latest = record.latest();
        String audience = remind.audience().name();
        String due = DUE.format(remind.at());
        boolean hadDeadline = remind.audience().cell(record.severity()).hasDeadline();
        String summary = hadDeadline
                ? "Reminder for " + commander + ": " + audience + " was to hear of this incident by " + due
                        + " and has not: " + remind.why() + "."
                : "Reminder for " + commander + ": " + audience + " has not heard of this incident, open since "
                        + DUE.format(record.openedAt()) + "; " + remind.why() + ".";
        Map<String, String> details = new LinkedHashMap<>();
        details.put("Audience", audience);
        details.put(hadDeadline ? "Due" : "Decide", due);
        return copy(
                latest,
                record.incidentId() + ":remind-" + audience,
                NotificationKind.INCIDENT_UPDATED,
                summary,
                details,
                now);
    }

    /**
     * For the internal channels, at once: an engineer's words did not go out as asked, and why. Posted (MEDIUM),
     * never a page; the words themselves are not repeated.
     */
    static NotificationRequest notTold(NotificationRequest asked, String why, Instant now) {
        return NotificationRequest.notice(
                asked.id() + ":not-told",
                asked.incidentId(),
                NotificationKind.ATTENTION,
                Severity.MEDIUM,
                asked.component(),
                "Not told as asked (" + String.join(", ", asked.audiences()) + "): " + why,
                "None",
                "Not told",
                Map.of("Asked for", String.join(", ", asked.audiences())),
                asked.startedAt(),
                now);
    }

    /** The request as another message: its own id, kind, summary and details, requested now. */
    private static NotificationRequest copy(
            NotificationRequest r,
            String id,
            NotificationKind kind,
            String summary,
            Map<String, String> details,
            Instant now) {
        return new NotificationRequest(
                id,
                r.incidentId(),
                kind,
                r.severity(),
                r.component(),
                summary,
                r.affectedServices(),
                r.customerImpact(),
                r.status(),
                r.nextUpdate(),
                r.duration(),
                r.rootCause(),
                r.dataLoss(),
                r.incidentCommander(),
                r.bridgeUrl(),
                r.links(),
                details,
                r.startedAt(),
                now,
                r.audiences());
    }
}
