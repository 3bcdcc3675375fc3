package io.mcpbridge.dr.coordinator.notice;

import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.drill.DrillResult;
import io.mcpbridge.dr.events.drill.DrillStart;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A drill's announcements: that it began (so whoever sees the DOWN a restart drill causes knows why) and how it
 * went, with its RTO and RPO against their targets. The notifier posts both to Slack and sends both as PagerDuty
 * change events, which page nobody. Ids are the drill's id and the occasion, so a repeat is one notification.
 */
public final class DrillNotices {

    /** The component drills are announced under (PagerDuty's source {@code mcp-dr/dr-drills}). */
    static final String COMPONENT = "dr-drills";

    private DrillNotices() {}

    public static NotificationRequest started(DrillStart start, String target, Instant now) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("Drill", start.id());
        details.put("Type", start.type().wireName());
        if (target != null) {
            details.put("Target", target);
        }
        details.put("Requested by", start.requestedBy());
        details.put("Ends by", start.deadline().toString());
        return request(
                start.id() + ":started",
                start.id(),
                NotificationKind.DRILL_STARTED,
                Severity.LOW,
                "The " + start.type().wireName() + " drill began" + (target == null ? "" : " (" + target + ")")
                        + ": expected failures, no incident, nobody paged",
                "Drill running",
                null,
                details,
                start.startedAt(),
                now);
    }

    public static NotificationRequest completed(DrillResult result, Instant now) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("Drill", result.id());
        details.put("Type", result.type().wireName());
        if (result.target() != null) {
            details.put("Target", result.target());
        }
        details.put("Requested by", result.requestedBy());
        details.put("RTO", measured(result.rtoMillis(), result.rtoTargetMillis()));
        details.put("RPO", measured(result.rpoMillis(), result.rpoTargetMillis()));
        details.put(
                "Steps",
                result.steps().size() + " ("
                        + result.steps().stream().filter(s -> !s.passed()).count() + " failed)");
        if (!result.leftBehind().isEmpty()) {
            details.put("Left behind", String.join(", ", result.leftBehind()));
        }
        String summary = "The " + result.type().wireName() + " drill "
                + (result.passed() ? "passed" : "failed: " + result.reason());
        return request(
                result.id() + ":result",
                result.id(),
                NotificationKind.DRILL_REPORT,
                // A failed drill is posted at once by any matrix; it is still not an incident and pages nobody.
                result.passed() ? Severity.LOW : Severity.MEDIUM,
                summary,
                result.passed() ? "Passed" : "Failed",
                Duration.between(result.startedAt(), result.endedAt()),
                details,
                result.startedAt(),
                now);
    }

    private static String measured(Long millis, Long targetMillis) {
        if (millis == null) {
            return "not measured";
        }
        String value = Duration.ofMillis(millis).toSeconds() + " s";
        return targetMillis == null
                ? value
                : value + " (target " + Duration.ofMillis(targetMillis).toSeconds() + " s, "
                        + (millis <= targetMillis ? "met" : "missed") + ")";
    }

    private static NotificationRequest request(
            String id,
            String drillId,
            NotificationKind kind,
            Severity severity,
            String summary,
            String status,
            Duration duration,
            Map<String, String> details,
            Instant startedAt,
            Instant now) {
        return new NotificationRequest(
                id,
                drillId,
                kind,
                severity,
                COMPONENT,
                summary,
                List.of(),
                "None",
                status,
                null,
                duration,
                null,
                "None",
                "mcp-dr automation",
                null,
                List.of(),
                details,
                startedAt,
                now,
                List.of());
    }
}
