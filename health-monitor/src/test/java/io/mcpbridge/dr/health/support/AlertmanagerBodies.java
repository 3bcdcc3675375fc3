package io.mcpbridge.dr.health.support;

import io.mcpbridge.dr.events.json.EventJson;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds Alertmanager webhook bodies (payload version 4) for tests, one alert at a time. */
public final class AlertmanagerBodies {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<Map<String, Object>> alerts = new ArrayList<>();
    private String version = "4";
    private int truncated;

    public static AlertmanagerBodies notification() {
        return new AlertmanagerBodies();
    }

    /** A fresh 16-hex-digit fingerprint, so tests never collide in the repeat filter. */
    public static String fingerprint() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public AlertmanagerBodies version(String version) {
        this.version = version;
        return this;
    }

    /** How many alerts Alertmanager says it left out ({@code max_alerts}). */
    public AlertmanagerBodies truncated(int count) {
        this.truncated = count;
        return this;
    }

    public AlertmanagerBodies firing(String fingerprint, String job, String severity) {
        return alert(
                "firing",
                fingerprint,
                Map.of(
                        "alertname",
                        "McpGatewayUnhealthy",
                        "job",
                        job,
                        "severity",
                        severity,
                        "instance",
                        job + "-0:8080"),
                "0001-01-01T00:00:00Z");
    }

    public AlertmanagerBodies resolved(String fingerprint, String job, String severity) {
        return alert(
                "resolved",
                fingerprint,
                Map.of(
                        "alertname",
                        "McpGatewayUnhealthy",
                        "job",
                        job,
                        "severity",
                        severity,
                        "instance",
                        job + "-0:8080"),
                "2026-10-17T09:20:00Z");
    }

    public AlertmanagerBodies alert(String status, String fingerprint, Map<String, String> labels, String endsAt) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("status", status);
        alert.put("labels", labels);
        alert.put("annotations", Map.of("summary", "Gateway /health reports healthy=false"));
        alert.put("startsAt", "2026-10-17T09:12:30.123Z");
        alert.put("endsAt", endsAt);
        alert.put("generatorURL", "http://prometheus:9090/graph?g0.expr=up%3D%3D0");
        alert.put("fingerprint", fingerprint);
        alerts.add(alert);
        return this;
    }

    public String json() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version);
        body.put("groupKey", "{}/{severity=\"critical\"}:{alertname=\"McpGatewayUnhealthy\"}");
        body.put("truncatedAlerts", truncated);
        body.put("status", alerts.stream().anyMatch(a -> "firing".equals(a.get("status"))) ? "firing" : "resolved");
        body.put("receiver", "mcp-dr");
        body.put("groupLabels", Map.of("alertname", "McpGatewayUnhealthy"));
        body.put("commonLabels", Map.of("alertname", "McpGatewayUnhealthy"));
        body.put("commonAnnotations", Map.of());
        body.put("externalURL", "http://alertmanager:9093");
        body.put("notification_reason", "unknown fields are ignored");
        body.put("alerts", alerts);
        return new String(EventJson.toBytes(body), StandardCharsets.UTF_8);
    }
}
