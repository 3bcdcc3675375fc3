package io.mcpbridge.dr.events.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How backup-service is configured now, published on {@code mcp-dr.backup.catalog} under the key
 * {@value #KEY} when it starts: with it, a reader of the catalog judges each scope's newest backup against the
 * age that scope may reach, and sees when backups, verifications and pruning run. It names the store but holds
 * no credential.
 *
 * @param maxAge           per scope: how old its newest verified backup may be (the data a disaster restore may
 *                         lose): {@code mcpdr.backup.max-age.<scope>}, or twice the backup schedule's period
 * @param scopes           the scopes a backup takes when its command names none
 * @param schedules        the Quartz cron of each schedule, or {@code off}: {@code backup}, {@code verify},
 *                         {@code prune}
 * @param retentionMaxAge  backups older than this are pruned...
 * @param keepVerified     ...except the newest this many verified-good ones
 * @param store            where the backups are, as the store describes itself ({@code s3://bucket/prefix},
 *                         a directory)
 * @param at               when this was published
 */
public record BackupPolicy(
        Map<BackupScope, Duration> maxAge,
        List<BackupScope> scopes,
        Map<String, String> schedules,
        Duration retentionMaxAge,
        int keepVerified,
        String store,
        Instant at) {

    /** The Kafka key of the policy record; no backup id looks like it. */
    public static final String KEY = "policy";

    public BackupPolicy {
        maxAge = maxAge == null || maxAge.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(maxAge));
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        schedules = schedules == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(schedules));
    }
}
