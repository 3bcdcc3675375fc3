package io.mcpbridge.dr.coordinator.support;

import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupScope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A backup as backup-service's catalog lists it: by default a scheduled backup of every scope, stored whole, not yet
 * verified, started now and done a minute later.
 */
public final class BackupIndexBuilder {

    private final String id;
    private BackupIndex.Purpose purpose = BackupIndex.Purpose.SCHEDULED;
    private BackupIndex.Status status = BackupIndex.Status.COMPLETE;
    private Instant startedAt = Instant.now();
    private List<BackupScope> scopes = List.of(BackupScope.values());
    private Boolean verified;

    private BackupIndexBuilder(String id) {
        this.id = id;
    }

    public static BackupIndexBuilder backup(String id) {
        return new BackupIndexBuilder(id);
    }

    public BackupIndexBuilder startedAt(Instant at) {
        this.startedAt = at;
        return this;
    }

    public BackupIndexBuilder scopes(BackupScope... scopes) {
        this.scopes = List.of(scopes);
        return this;
    }

    public BackupIndexBuilder purpose(BackupIndex.Purpose purpose) {
        this.purpose = purpose;
        return this;
    }

    /** Nothing stored: the backup failed. */
    public BackupIndexBuilder failed() {
        this.status = BackupIndex.Status.FAILED;
        return this;
    }

    /** The last verification's verdict. */
    public BackupIndexBuilder verified(boolean passed) {
        this.verified = passed;
        return this;
    }

    public BackupIndex build() {
        boolean complete = status == BackupIndex.Status.COMPLETE;
        Instant completedAt = startedAt.plus(Duration.ofMinutes(1));
        return new BackupIndex(
                id,
                purpose,
                status,
                startedAt,
                completedAt,
                scopes,
                complete ? 4096 : 0,
                complete ? 16384 : 0,
                complete ? "ab".repeat(32) : null,
                "5be0c7a1d3f29e84",
                complete ? "zstd-1" : null,
                complete ? "AES256_GCM_HKDF_1MB" : null,
                Map.of(),
                null,
                verified,
                verified == null ? null : completedAt.plus(Duration.ofHours(1)),
                verified == null ? null : (verified ? "every entry matches" : "entry redis/dump differs"),
                complete ? null : "the store refused the upload",
                "test",
                "backup-service");
    }
}
