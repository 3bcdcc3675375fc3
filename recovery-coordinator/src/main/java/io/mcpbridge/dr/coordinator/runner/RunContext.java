package io.mcpbridge.dr.coordinator.runner;

import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.health.TargetHealth;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the runner knows when it moves an incident on.
 *
 * @param latestHealth   the latest health event of each component (transition or snapshot)
 * @param recentActions  when automated actions ran on this component, across its incidents (the budget)
 * @param requested      an authenticated manual command started this run: people asked for it, so it runs even
 *                       where the probes see the component healthy (corrupted data answers probes)
 * @param confirmed      a confirmed, authenticated manual command started or confirmed this incident
 * @param dryRun         record everything, change nothing
 * @param now            the time of this move
 * @param backupResults  terminal results of backup-service commands, by command id
 * @param backupTakenAt  when a backup started, by its id, as the catalog says (what a restore's RPO counts from)
 */
public record RunContext(
        Map<String, TargetHealth> latestHealth,
        List<Instant> recentActions,
        boolean requested,
        boolean confirmed,
        boolean dryRun,
        Instant now,
        Map<String, BackupResult> backupResults,
        Function<String, Optional<Instant>> backupTakenAt) {

    public RunContext(
            Map<String, TargetHealth> latestHealth,
            List<Instant> recentActions,
            boolean requested,
            boolean confirmed,
            boolean dryRun,
            Instant now,
            Map<String, BackupResult> backupResults) {
        this(latestHealth, recentActions, requested, confirmed, dryRun, now, backupResults, id -> Optional.empty());
    }

    public RunContext(
            Map<String, TargetHealth> latestHealth,
            List<Instant> recentActions,
            boolean confirmed,
            boolean dryRun,
            Instant now) {
        this(latestHealth, recentActions, false, confirmed, dryRun, now, Map.of());
    }

    Optional<TargetHealth> health(String component) {
        return Optional.ofNullable(latestHealth.get(component));
    }
}
