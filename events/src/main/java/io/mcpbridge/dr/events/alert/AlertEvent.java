package io.mcpbridge.dr.events.alert;

import java.time.Instant;
import java.util.Map;

/**
 * One alert from an Alertmanager webhook notification. Payload of {@code mcpdr.alert.received.v1}.
 *
 * @param component    the MCP Bridge component, from the configured labels and aliases; the Kafka key
 * @param severity     the plan's severity, mapped from the {@code severity} label
 * @param status       firing or resolved
 * @param alertname    the {@code alertname} label
 * @param fingerprint  Alertmanager's fingerprint of the label set (16 hex chars)
 * @param summary      the {@code summary} annotation, else {@code description}, else the alert name
 * @param labels       all labels as received
 * @param annotations  all annotations as received
 * @param startsAt     when the alert started firing
 * @param endsAt       when it resolved; absent while firing
 * @param generatorUrl link to the rule's expression in Prometheus
 * @param groupKey     the notification's group key
 * @param receiver     the Alertmanager receiver name
 * @param externalUrl  the Alertmanager's own URL
 * @param receivedAt   when health-monitor accepted the notification
 */
public record AlertEvent(
        String component,
        Severity severity,
        AlertStatus status,
        String alertname,
        String fingerprint,
        String summary,
        Map<String, String> labels,
        Map<String, String> annotations,
        Instant startsAt,
        Instant endsAt,
        String generatorUrl,
        String groupKey,
        String receiver,
        String externalUrl,
        Instant receivedAt) {}
