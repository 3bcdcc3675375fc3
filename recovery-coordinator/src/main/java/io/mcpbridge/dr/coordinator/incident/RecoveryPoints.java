package io.mcpbridge.dr.coordinator.incident;

import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupPhase;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.incident.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last successful backup of each scope, learnt from backup-service's results, and from it the RPO of an
 * incident: how old the newest copy of the affected data was when the incident was detected. A backup's
 * point in time is when it started (its result's time less its duration), so the figure errs on the
 * cautious side. The session store's data is the {@code redis} scope; the gateway's and router's is their
 * configuration ({@code configs}); what a runbook restores more broadly does not change the figure.
 */
public final class RecoveryPoints {

    /** A scope's newest copy. */
    public record Point(String backupId, Instant at) {}

    private final Map<BackupScope, Point> latest = new EnumMap<>(BackupScope.class);

    /** Takes a result; only a successful backup moves a recovery point, and only forward. */
    public synchronized void record(BackupResult result) {
        if (result.action() != BackupAction.BACKUP
                || result.phase() != BackupPhase.SUCCEEDED
                || result.backupId() == null) {
            return;
        }
        Point point = new Point(result.backupId(), result.time().minusMillis(result.durationMillis()));
        for (BackupScope scope : result.scopes()) {
            latest.merge(scope, point, (known, next) -> next.at().isAfter(known.at()) ? next : known);
        }
    }

    /** A scope's newest copy, if any is known. */
    public synchronized Optional<Point> latest(BackupScope scope) {
        return Optional.ofNullable(latest.get(scope));
    }

    /** The newest copy of a component's data made before {@code at}, if any is known. */
    public synchronized Optional<Point> before(String component, Instant at) {
        return Optional.ofNullable(latest.get(scopeOf(component)))
                .filter(point -> !point.at().isAfter(at));
    }

    /** The incident with its RPO and backup stamped, when a backup of its data is known. */
    public Incident stamp(Incident incident) {
        return before(incident.component(), incident.detectedAt())
                .map(point -> incident.withRecoveryPoint(
                        Duration.between(point.at(), incident.detectedAt()), point.backupId()))
                .orElse(incident);
    }

    static BackupScope scopeOf(String component) {
        return component.startsWith("redis") ? BackupScope.REDIS : BackupScope.CONFIGS;
    }
}
