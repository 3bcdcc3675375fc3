package io.mcpbridge.dr.health.webhook;

import io.mcpbridge.dr.events.alert.AlertEvent;
import io.mcpbridge.dr.events.alert.AlertStatus;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.health.config.MonitorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates an Alertmanager notification and turns each alert into an {@link AlertEvent}: the component
 * from the configured labels and aliases, the plan's severity from the {@code severity} label.
 */
@ApplicationScoped
public class AlertMapper {

    static final String SUPPORTED_VERSION = "4";
    /** Alertmanager writes this as {@code endsAt} of an alert that still fires. */
    private static final String NOT_ENDED = "0001-01-01T00:00:00Z";

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-fA-F]{1,64}");
    static final String UNKNOWN_COMPONENT = "unknown";

    private final List<String> componentLabels;
    private final Map<String, String> componentAliases;
    private final Map<String, Severity> severities;

    @Inject
    public AlertMapper(MonitorConfig config) {
        this(
                config.webhook().componentLabels(),
                config.webhook().componentAliases(),
                config.webhook().severities());
    }

    AlertMapper(List<String> componentLabels, Map<String, String> componentAliases, Map<String, Severity> severities) {
        this.componentLabels = componentLabels;
        this.componentAliases = componentAliases;
        this.severities = severities;
    }

    /**
     * All alerts of the notification as events, or an exception naming the first problem.
     *
     * @throws InvalidNotificationException for another payload version or an invalid alert
     */
    public List<AlertEvent> toEvents(AlertmanagerNotification notification, Instant receivedAt) {
        if (notification == null) {
            throw new InvalidNotificationException("empty body: expected an Alertmanager notification");
        }
        if (!SUPPORTED_VERSION.equals(notification.version())) {
            throw new InvalidNotificationException("unsupported payload version '" + notification.version()
                    + "': expected \"" + SUPPORTED_VERSION + "\"");
        }
        if (notification.alerts() == null) {
            throw new InvalidNotificationException("missing field alerts");
        }
        List<AlertEvent> events = new ArrayList<>(notification.alerts().size());
        for (int i = 0; i < notification.alerts().size(); i++) {
            events.add(toEvent(notification, notification.alerts().get(i), i, receivedAt));
        }
        return events;
    }

    private AlertEvent toEvent(
            AlertmanagerNotification notification,
            AlertmanagerNotification.Alert alert,
            int index,
            Instant receivedAt) {
        String where = "alerts[" + index + "]";
        if (alert == null) {
            throw new InvalidNotificationException(where + " is null");
        }
        AlertStatus status = status(alert.status(), where);
        if (alert.fingerprint() == null
                || !FINGERPRINT.matcher(alert.fingerprint()).matches()) {
            throw new InvalidNotificationException(
                    where + ".fingerprint must be hex, got '" + alert.fingerprint() + "'");
        }
        Map<String, String> labels = alert.labels() == null ? Map.of() : alert.labels();
        Map<String, String> annotations = alert.annotations() == null ? Map.of() : alert.annotations();
        Instant startsAt = time(alert.startsAt(), where + ".startsAt");
        if (startsAt == null) {
            throw new InvalidNotificationException(where + ".startsAt is missing");
        }
        Instant endsAt = NOT_ENDED.equals(alert.endsAt()) ? null : time(alert.endsAt(), where + ".endsAt");
        String alertname = labels.getOrDefault("alertname", "unnamed");
        return new AlertEvent(
                component(labels),
                severity(labels.get("severity")),
                status,
                alertname,
                alert.fingerprint().toLowerCase(Locale.ROOT),
                summary(annotations, alertname),
                labels,
                annotations,
                startsAt,
                endsAt == null || endsAt.getEpochSecond() < 0 ? null : endsAt,
                alert.generatorUrl(),
                notification.groupKey(),
                notification.receiver(),
                notification.externalUrl(),
                receivedAt);
    }

    String component(Map<String, String> labels) {
        for (String label : componentLabels) {
            String value = labels.get(label);
            if (value != null && !value.isBlank()) {
                return componentAliases.getOrDefault(value, value);
            }
        }
        return UNKNOWN_COMPONENT;
    }

    Severity severity(String label) {
        if (label == null) {
            return Severity.MEDIUM;
        }
        return severities.getOrDefault(label.toLowerCase(Locale.ROOT), Severity.MEDIUM);
    }

    private static AlertStatus status(String text, String where) {
        if ("firing".equals(text)) {
            return AlertStatus.FIRING;
        }
        if ("resolved".equals(text)) {
            return AlertStatus.RESOLVED;
        }
        throw new InvalidNotificationException(where + ".status must be firing or resolved, got '" + text + "'");
    }

    private static Instant time(String text, String where) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidNotificationException(where + " is not an RFC 3339 time: '" + text + "'");
        }
    }

    private static String summary(Map<String, String> annotations, String alertname) {
        String summary = annotations.get("summary");
        if (summary == null || summary.isBlank()) {
            summary = annotations.get("description");
        }
        return summary == null || summary.isBlank() ? alertname : summary;
    }
}
