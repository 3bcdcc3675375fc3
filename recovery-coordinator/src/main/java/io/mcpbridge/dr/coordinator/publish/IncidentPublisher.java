package io.mcpbridge.dr.coordinator.publish;

import io.mcpbridge.dr.coordinator.incident.IncidentBook;
import io.mcpbridge.dr.coordinator.metrics.CoordinatorMetrics;
import io.mcpbridge.dr.coordinator.notice.Notices;
import io.mcpbridge.dr.coordinator.safety.ActionMemory;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Publishes an incident version to {@code mcp-dr.incidents} and waits for the broker, then the notification
 * it calls for; only then is the version the book's, and only then may anything act on it. Called on the
 * coordinator's loop.
 */
@ApplicationScoped
public class IncidentPublisher {

    private static final Logger LOG = Logger.getLogger(IncidentPublisher.class);

    /** The {@code ce_source} of everything the coordinator publishes. */
    public static final String SOURCE = "/mcp-dr/recovery-coordinator";

    private final EventSender sender;
    private final IncidentBook book;
    private final ActionMemory actions;
    private final CoordinatorMetrics metrics;
    private final Clock clock;

    public IncidentPublisher(
            EventSender sender, IncidentBook book, ActionMemory actions, CoordinatorMetrics metrics, Clock clock) {
        this.sender = sender;
        this.book = book;
        this.actions = actions;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Asks the notifier to tell people something that is not an incident's change; a failure is logged. */
    public void notice(NotificationRequest request) {
        try {
            sender.send(new EventEnvelope(
                    request.id(),
                    EventType.NOTIFY_REQUESTED,
                    SOURCE,
                    request.incidentId(),
                    request.requestedAt(),
                    request));
        } catch (IllegalStateException e) {
            LOG.errorf("notice %s could not be sent: %s", request.id(), e.getMessage());
        }
    }

    /**
     * @return the incident, as published
     * @throws IllegalStateException when the broker did not acknowledge it: nothing may act on it then
     */
    public Incident publish(Incident incident) {
        // The book still holds the previous version (or, for an incident it just opened or folded, this one).
        Incident before = incident.version() == 1
                ? null
                : book.current(incident.component())
                        .filter(known -> known.id().equals(incident.id()))
                        .orElse(incident);
        sender.send(new EventEnvelope(
                incident.id() + ":" + incident.version(),
                EventType.INCIDENT_UPDATED,
                SOURCE,
                incident.id(),
                clock.instant(),
                incident));
        book.update(incident);
        actions.remember(incident);
        metrics.changed(before, incident);
        Notices.forChange(before, incident, clock.instant())
                .ifPresent(request -> sender.send(new EventEnvelope(
                        request.id(),
                        EventType.NOTIFY_REQUESTED,
                        SOURCE,
                        request.incidentId(),
                        request.requestedAt(),
                        request)));
        return incident;
    }
}
