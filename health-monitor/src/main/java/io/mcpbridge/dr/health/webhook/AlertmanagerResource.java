package io.mcpbridge.dr.health.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.alert.AlertEvent;
import io.mcpbridge.dr.events.json.EventJson;
import io.mcpbridge.dr.health.config.MonitorConfig;
import io.mcpbridge.dr.health.metrics.MonitorMetrics;
import io.mcpbridge.dr.health.metrics.MonitorMetrics.WebhookOutcome;
import io.mcpbridge.dr.health.publish.EventPublisher;
import io.mcpbridge.dr.health.publish.EventSources;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Prometheus Alertmanager's webhook receiver ({@code webhook_configs}, payload version 4). Every alert of
 * the body becomes an event on {@code mcp-dr.alerts}; the answer is 2xx only once Kafka acknowledged all
 * of them, and 503 when it did not, because Alertmanager retries 5xx and drops 4xx for good.
 */
@Path("/api/v1/alertmanager")
public class AlertmanagerResource {

    private static final Logger LOG = Logger.getLogger(AlertmanagerResource.class);

    private final AlertMapper mapper;
    private final AlertDeduplicator deduplicator;
    private final EventPublisher publisher;
    private final MonitorMetrics metrics;
    private final Clock clock;
    private final Duration ackTimeout;
    private final long maxBodyBytes;

    public AlertmanagerResource(
            AlertMapper mapper,
            AlertDeduplicator deduplicator,
            EventPublisher publisher,
            MonitorMetrics metrics,
            Clock clock,
            MonitorConfig config) {
        this.mapper = mapper;
        this.deduplicator = deduplicator;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.ackTimeout = config.webhook().ackTimeout();
        this.maxBodyBytes = config.webhook().maxBodySize().asLongValue();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking // on the event loop: parsing is cheap and the publisher never blocks
    public CompletionStage<Response> receive(byte[] body) {
        if (body != null && body.length > maxBodyBytes) {
            metrics.webhookRequest(WebhookOutcome.TOO_LARGE);
            return CompletableFuture.completedFuture(WebhookGate.tooLarge(body.length, maxBodyBytes));
        }
        List<AlertEvent> alerts;
        try {
            AlertmanagerNotification notification = parse(body);
            alerts = mapper.toEvents(notification, clock.instant());
            if (notification.truncatedAlerts() != null && notification.truncatedAlerts() > 0) {
                // Alertmanager's max_alerts cut these; they will never arrive. Worth an operator's look.
                metrics.alertsTruncated(notification.truncatedAlerts());
                LOG.warnf(
                        "Alertmanager truncated %d alerts of group %s",
                        notification.truncatedAlerts(), notification.groupKey());
            }
        } catch (InvalidNotificationException e) {
            metrics.webhookRequest(WebhookOutcome.BAD_REQUEST);
            return CompletableFuture.completedFuture(Response.status(Response.Status.BAD_REQUEST)
                    .entity(WebhookReply.error("bad_request", e.getMessage()))
                    .build());
        }
        List<AlertEvent> fresh = new ArrayList<>(alerts.size());
        List<EventEnvelope> events = new ArrayList<>(alerts.size());
        for (AlertEvent alert : alerts) {
            if (deduplicator.isRepeat(alert)) {
                metrics.alertDuplicate();
                continue;
            }
            fresh.add(alert);
            events.add(envelope(alert));
        }
        int duplicates = alerts.size() - fresh.size();
        List<CompletableFuture<RecordMetadata>> acks = events.isEmpty() ? List.of() : publisher.publishAll(events);
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                .orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((ignored, failure) -> {
                    if (failure != null) {
                        return unavailable(failure);
                    }
                    for (AlertEvent alert : fresh) {
                        deduplicator.published(alert);
                        metrics.alertPublished(alert.status());
                    }
                    metrics.webhookRequest(WebhookOutcome.ACCEPTED);
                    return Response.ok(WebhookReply.accepted(alerts.size(), fresh.size(), duplicates))
                            .build();
                });
    }

    private static AlertmanagerNotification parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidNotificationException("empty body: expected an Alertmanager notification");
        }
        try {
            return EventJson.mapper().readValue(body, AlertmanagerNotification.class);
        } catch (JsonProcessingException e) {
            throw new InvalidNotificationException("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidNotificationException("unreadable body: " + e.getMessage());
        }
    }

    /** The id is stable across repeats of the same alert, so consumers can drop what slips through. */
    private static EventEnvelope envelope(AlertEvent alert) {
        String id = alert.fingerprint() + ":" + alert.status().name().toLowerCase() + ":"
                + alert.startsAt().toEpochMilli();
        return new EventEnvelope(
                id,
                EventType.ALERT_RECEIVED,
                EventSources.HEALTH_MONITOR,
                alert.component(),
                alert.receivedAt(),
                alert);
    }

    private Response unavailable(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String reason = cause instanceof TimeoutException
                ? "no acknowledgement within " + ackTimeout.toMillis() + " ms"
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        LOG.warnf("alerts not accepted, Kafka did not acknowledge: %s", reason);
        metrics.webhookRequest(WebhookOutcome.UNAVAILABLE);
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .entity(WebhookReply.error(
                        "unavailable", "Kafka did not acknowledge the alerts (" + reason + "); retry later"))
                .build();
    }
}
