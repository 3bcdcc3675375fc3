package io.mcpbridge.dr.coordinator.incident;

import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupPolicy;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.incident.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The backups that are recovery points, as backup-service's catalog lists them, and from them the RPO of an
 * incident: how old the newest copy of the affected data was when the incident was detected. A backup counts
 * when it is stored whole, not known to be bad (a verification that failed takes it out) and not a forensic copy
 * (what a restore overwrote); a pruned backup stops counting. Its point in time is when it started, so the figure
 * errs on the cautious side. The session store's data is the {@code redis} scope; the gateway's and router's is
 * their configuration ({@code configs}); what a runbook restores more broadly does not change the figure.
 *
 * <p>The catalog is the only source, not the backup results as well: backup-service has the broker take a backup's
 * catalog record before it publishes the backup's result, so a result would tell nothing sooner, and a result is
 * never taken back, so a backup later pruned or found bad would go on counting. When a catalog record could not be
 * published, the figure errs old until backup-service's next reconciliation puts it there.
 */
public final class RecoveryPoints {

    /** A copy of the data: the backup and when it started. */
    public record Point(String backupId, Instant at) {}

    private final Map<String, BackupIndex> backups = new HashMap<>();
    private volatile BackupPolicy policy;

    /** How backup-service is configured now, as its catalog says: the maximum backup age of each scope. */
    public void policy(BackupPolicy policy) {
        this.policy = policy;
    }

    /** A scope's maximum backup age, once backup-service's policy is known. */
    public Optional<Duration> maxAge(BackupScope scope) {
        BackupPolicy known = policy;
        return known == null
                ? Optional.empty()
                : Optional.ofNullable(known.maxAge().get(scope));
    }

    /** What the catalog says of a backup now; it replaces what was known of it. */
    public synchronized void record(BackupIndex backup) {
        if (isRecoveryPoint(backup)) {
            backups.put(backup.id(), backup);
        } else {
            backups.remove(backup.id());
        }
    }

    /** The backup was pruned (or what the catalog says of it cannot be read): no longer a recovery point. */
    public synchronized void forget(String backupId) {
        backups.remove(backupId);
    }

    /** Stored whole, not known bad, not a forensic copy. */
    static boolean isRecoveryPoint(BackupIndex backup) {
        return backup.usable() && backup.purpose() != BackupIndex.Purpose.FORENSIC && backup.createdAt() != null;
    }

    /** When a backup that is a recovery point started; empty for one the catalog does not hold as such. */
    public synchronized Optional<Instant> takenAt(String backupId) {
        return Optional.ofNullable(backups.get(backupId)).map(BackupIndex::createdAt);
    }

    /** A scope's newest copy, if any is known. */
    public synchronized Optional<Point> latest(BackupScope scope) {
        return newest(scope, Instant.MAX);
    }

    /**
     * The backup a full restore drill restores: of those holding every one of {@code scopes}, the newest verified
     * one, or the newest when none has been verified yet.
     */
    public synchronized Optional<Point> newestHoldingAll(Collection<BackupScope> scopes) {
        Comparator<BackupIndex> newestFirst =
                Comparator.comparing(BackupIndex::createdAt).thenComparing(BackupIndex::id);
        List<BackupIndex> holding = backups.values().stream()
                .filter(backup -> backup.scopes().containsAll(scopes))
                .toList();
        return holding.stream()
                .filter(backup -> Boolean.TRUE.equals(backup.verified()))
                .max(newestFirst)
                .or(() -> holding.stream().max(newestFirst))
                .map(backup -> new Point(backup.id(), backup.createdAt()));
    }

    /** The newest copy of a component's data made before {@code at}, if any is known. */
    public synchronized Optional<Point> before(String component, Instant at) {
        return newest(BackupScope.ofComponent(component), at);
    }

    /** The incident with its RPO and backup stamped, when a backup of its data is known. */
    public Incident stamp(Incident incident) {
        return before(incident.component(), incident.detectedAt())
                .map(point -> incident.withRecoveryPoint(
                        Duration.between(point.at(), incident.detectedAt()), point.backupId()))
                .orElse(incident);
    }

    private Optional<Point> newest(BackupScope scope, Instant notAfter) {
        return backups.values().stream()
                .filter(backup ->
                        backup.scopes().contains(scope) && !backup.createdAt().isAfter(notAfter))
                .max(Comparator.comparing(BackupIndex::createdAt).thenComparing(BackupIndex::id))
                .map(backup -> new Point(backup.id(), backup.createdAt()));
    }
}
