package io.mcpbridge.dr.coordinator.incident;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one format of incident ids: {@code inc-<component>-<UTC detection time to the millisecond>}, unique per
 * component because a component has one open incident at a time. Only characters that a Kafka key, an S3 key
 * and backup-service's command ids take.
 */
public final class IncidentIds {

    private static final String PREFIX = "inc-";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private IncidentIds() {}

    /** The id of an incident of {@code component} detected at {@code detectedAt}. */
    public static String of(String component, Instant detectedAt) {
        return PREFIX + component + "-" + TIME.format(detectedAt);
    }

    /** Whether {@code text} is in the format this class writes. */
    public static boolean isIncidentId(String text) {
        return text.startsWith(PREFIX) && text.length() > PREFIX.length();
    }
}
