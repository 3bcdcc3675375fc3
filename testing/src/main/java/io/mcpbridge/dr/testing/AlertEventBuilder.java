package io.mcpbridge.dr.testing;

import io.mcpbridge.dr.events.alert.AlertEvent;
import io.mcpbridge.dr.events.alert.AlertStatus;
import io.mcpbridge.dr.events.alert.Severity;
import java.time.Instant;
import java.util.Map;

/**
 * Test data: an alert as health-monitor publishes it from an Alertmanager webhook, firing and CRITICAL unless
 * told otherwise.
 *
 * <pre>{@code AlertEventBuilder.of("gateway", "GatewayErrorRate").severity(Severity.HIGH).build()}</pre>
 */
public final class AlertEventBuilder {

    private final String component;
    private final String alertname;
    private Severity severity = Severity.CRITICAL;
    private AlertStatus status = AlertStatus.FIRING;
    private String fingerprint;
    private String summary;
    private Map<String, String> labels = Map.of();
    private Instant startsAt = Instant.now();
    private Instant endsAt;
    private Instant receivedAt;

    private AlertEventBuilder(String component, String alertname) {
        this.component = component;
        this.alertname = alertname;
        this.fingerprint = Integer.toHexString((component + alertname).hashCode());
        this.summary = alertname + " on " + component;
    }

    public static AlertEventBuilder of(String component, String alertname) {
        return new AlertEventBuilder(component, alertname);
    }

    public AlertEventBuilder severity(Severity severity) {
        this.severity = severity;
        return this;
    }

    /** Resolved at {@code endsAt}. */
    public AlertEventBuilder resolved(Instant endsAt) {
        this.status = AlertStatus.RESOLVED;
        this.endsAt = endsAt;
        return this;
    }

    public AlertEventBuilder status(AlertStatus status) {
        this.status = status;
        return this;
    }

    public AlertEventBuilder endsAt(Instant endsAt) {
        this.endsAt = endsAt;
        return this;
    }

    public AlertEventBuilder fingerprint(String fingerprint) {
        this.fingerprint = fingerprint;
        return this;
    }

    public AlertEventBuilder summary(String summary) {
        this.summary = summary;
        return this;
    }

    public AlertEventBuilder labels(Map<String, String> labels) {
        this.labels = labels;
        return this;
    }

    public AlertEventBuilder startsAt(Instant startsAt) {
        this.startsAt = startsAt;
        return this;
    }

    public AlertEventBuilder receivedAt(Instant receivedAt) {
        this.receivedAt = receivedAt;
        return this;
    }

    public AlertEvent build() {
        return new AlertEvent(
                component,
                severity,
                status,
                alertname,
                fingerprint,
                summary,
                labels,
                Map.of(),
                startsAt,
                endsAt,
                null,
                null,
                "mcp-dr",
                null,
                receivedAt == null ? startsAt : receivedAt);
    }
}
