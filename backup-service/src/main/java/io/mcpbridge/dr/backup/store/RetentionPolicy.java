package io.mcpbridge.dr.backup.store;

import io.mcpbridge.dr.events.backup.BackupIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which backups to delete: those older than the maximum age, except the newest {@code keepVerified}
 * verified-good ones, whatever their age. Failed backups and backups not (yet) verified never count as
 * good, so a run of failures can never leave the store without a restorable backup; the plan's
 * {@code find -mtime +30 -delete} would have deleted them all. Where fewer than {@code keepVerified} were ever
 * verified, the newest complete backups not known to be bad are kept in their place.
 *
 * @param maxAge       backups older than this are deleted unless protected
 * @param keepVerified how many of the newest verified-good backups are always kept
 */
public record RetentionPolicy(Duration maxAge, int keepVerified) {

    public RetentionPolicy {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("retention max age must be positive");
        }
        if (keepVerified < 1) {
            throw new IllegalArgumentException("retention must keep at least one verified backup");
        }
    }

    /** The ids to delete, oldest first. */
    public List<String> expired(List<BackupIndex> backups, Instant now) {
        List<BackupIndex> newestFirst = new ArrayList<>(backups);
        newestFirst.sort((a, b) -> b.createdAt().compareTo(a.createdAt()));
        Set<String> protectedIds = new LinkedHashSet<>();
        for (BackupIndex backup : newestFirst) {
            if (protectedIds.size() == keepVerified) {
                break;
            }
            if (backup.verifiedGood()) {
                protectedIds.add(backup.id());
            }
        }
        // Fewer verified ones than that (verification never ran, or keeps failing): the newest complete backups
        // not known to be bad stand in, so retention never leaves the store without anything to restore.
        for (BackupIndex backup : newestFirst) {
            if (protectedIds.size() >= keepVerified) {
                break;
            }
            if (backup.usable() && backup.purpose() != BackupIndex.Purpose.FORENSIC) {
                protectedIds.add(backup.id());
            }
        }
        Instant cutoff = now.minus(maxAge);
        List<String> expired = new ArrayList<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            BackupIndex backup = newestFirst.get(i);
            if (backup.createdAt().isBefore(cutoff) && !protectedIds.contains(backup.id())) {
                expired.add(backup.id());
            }
        }
        return expired;
    }
}
