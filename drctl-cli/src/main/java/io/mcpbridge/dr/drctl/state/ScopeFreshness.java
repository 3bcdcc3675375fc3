package io.mcpbridge.dr.drctl.state;

import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupScope;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How much of a scope's data a disaster now would lose: the age of its newest verified backup, against the age
 * backup-service is configured to keep it under ({@code mcpdr.backup.max-age.<scope>}).
 *
 * @param scope       the scope
 * @param backupId    its newest verified-good backup; absent when it has none
 * @param takenAt     when that backup started
 * @param verifiedAt  when it was verified
 * @param age         now minus {@code takenAt}
 * @param maxAge      the scope's maximum age; absent when backup-service has not published its policy
 * @param withinMaxAge whether {@code age} is within {@code maxAge}; false without a verified backup
 */
public record ScopeFreshness(
        BackupScope scope,
        String backupId,
        Instant takenAt,
        Instant verifiedAt,
        Duration age,
        Duration maxAge,
        boolean withinMaxAge) {

    static ScopeFreshness of(BackupScope scope, Optional<BackupIndex> newest, Duration maxAge, Instant now) {
        if (newest.isEmpty()) {
            return new ScopeFreshness(scope, null, null, null, null, maxAge, false);
        }
        BackupIndex backup = newest.get();
        Duration age = Duration.between(backup.createdAt(), now);
        return new ScopeFreshness(
                scope,
                backup.id(),
                backup.createdAt(),
                backup.verifiedAt(),
                age,
                maxAge,
                maxAge == null || age.compareTo(maxAge) <= 0);
    }
}
