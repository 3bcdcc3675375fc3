package io.mcpbridge.dr.health.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.dr.events.alert.AlertEvent;
import io.mcpbridge.dr.events.alert.Severity;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How labels become the plan's component and severity, and which bodies are refused. */
class AlertMapperTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private final AlertMapper mapper = new AlertMapper(
            List.of("component", "service", "job"),
            Map.of("mcp-gateway", "gateway", "mcp-router", "router", "mcp-redis", "redis"),
            Map.of(
                    "critical",
                    Severity.CRITICAL,
                    "high",
                    Severity.HIGH,
                    "warning",
                    Severity.MEDIUM,
                    "info",
                    Severity.LOW));

    @ParameterizedTest(name = "component={0} service={1} job={2} -> {3}")
    @CsvSource(
            nullValues = "-",
            value = {
                "-,       -,           mcp-gateway, gateway",
                "-,       mcp-router,  mcp-gateway, router",
                "redis,   mcp-router,  mcp-gateway, redis",
                "-,       -,           node-exporter, node-exporter",
                "-,       -,           -,           unknown"
            })
    void componentComesFromTheFirstPresentLabelThroughTheAliases(
            String component, String service, String job, String expected) {
        Map<String, String> labels = new HashMap<>();
        put(labels, "component", component);
        put(labels, "service", service);
        put(labels, "job", job);

        assertThat(mapper.component(labels)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "severity={0} -> {1}")
    @CsvSource(
            nullValues = "-",
            value = {
                "critical, CRITICAL",
                "CRITICAL, CRITICAL",
                "high, HIGH",
                "warning, MEDIUM",
                "info, LOW",
                "bogus, MEDIUM",
                "-, MEDIUM"
            })
    void severityMapsToThePlansScaleAndUnknownIsMedium(String label, Severity expected) {
        assertThat(mapper.severity(label)).isEqualTo(expected);
    }

    @Test
    void acceptsOffsetTimesAndTreatsTheZeroEndAsStillFiring() {
        AlertmanagerNotification notification = notification(
                alert("firing", "4f1e2c3b9a8d7e6f", "2026-10-17T11:12:30.123+02:00", "0001-01-01T00:00:00Z"));

        AlertEvent event = mapper.toEvents(notification, NOW).get(0);

        assertThat(event.startsAt()).isEqualTo(Instant.parse("2026-10-17T09:12:30.123Z"));
        assertThat(event.endsAt()).isNull();
        assertThat(event.receivedAt()).isEqualTo(NOW);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "firing|4f1e|not-a-time|alerts[0].startsAt is not an RFC 3339 time: 'not-a-time'",
                "firing|zz-not-hex|2026-10-17T09:12:30Z|alerts[0].fingerprint must be hex, got 'zz-not-hex'",
                "firing|''|2026-10-17T09:12:30Z|alerts[0].fingerprint must be hex, got ''",
                "suppressed|4f1e|2026-10-17T09:12:30Z|alerts[0].status must be firing or resolved, got 'suppressed'"
            })
    void refusesInvalidAlertsNamingTheField(String status, String fingerprint, String startsAt, String message) {
        AlertmanagerNotification notification = notification(alert(status, fingerprint, startsAt, null));

        assertThatThrownBy(() -> mapper.toEvents(notification, NOW))
                .isInstanceOf(InvalidNotificationException.class)
                .hasMessage(message);
    }

    @Test
    void refusesAMissingAlertList() {
        AlertmanagerNotification notification = new AlertmanagerNotification(
                "4", "g", 0, "firing", "r", Map.of(), Map.of(), Map.of(), "http://am", null);

        assertThatThrownBy(() -> mapper.toEvents(notification, NOW)).hasMessage("missing field alerts");
    }

    private static AlertmanagerNotification notification(AlertmanagerNotification.Alert alert) {
        return new AlertmanagerNotification(
                "4", "g", 0, "firing", "r", Map.of(), Map.of(), Map.of(), "http://am", List.of(alert));
    }

    private static AlertmanagerNotification.Alert alert(
            String status, String fingerprint, String startsAt, String endsAt) {
        return new AlertmanagerNotification.Alert(
                status,
                Map.of("job", "mcp-gateway", "severity", "critical"),
                Map.of(),
                startsAt,
                endsAt,
                "http://prometheus",
                fingerprint);
    }

    private static void put(Map<String, String> labels, String name, String value) {
        if (value != null) {
            labels.put(name, value);
        }
    }
}
