package io.mcpbridge.dr.backup.metrics;

import io.mcpbridge.dr.backup.config.BackupConfig;
import io.mcpbridge.dr.backup.intake.CommandPartitions;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prometheus families of backup-service:
 * <ul>
 * <li>{@code mcpdr_backup_operation_seconds{operation,outcome}}: duration and count of backups, verifications,
 * restores and prunes, by success or failure;
 * <li>{@code mcpdr_backup_last_success_timestamp_seconds{scope}}: when each scope was last backed up; now
 * minus this is the recovery point, the plan's RPO, to alert on;
 * <li>{@code mcpdr_backup_last_size_bytes}: the stored size of the last backup;
 * <li>{@code mcpdr_backup_commands_refused_total{reason}}: commands that ran nothing, {@code unauthenticated}
 * (unsigned, a stranger, stale, a replay) or {@code malformed}.
 * </ul>
 */
@Startup // its series exist from the start, not from the first command
@ApplicationScoped
public class BackupMetrics {

    public static final String REFUSED_UNAUTHENTICATED = "unauthenticated";
    public static final String REFUSED_MALFORMED = "malformed";

    private final MeterRegistry registry;
    private final Map<BackupScope, AtomicLong> lastSuccess = new EnumMap<>(BackupScope.class);
    private final AtomicLong lastSize = new AtomicLong();
    private final AtomicLong commandPartitions = new AtomicLong();
    private final AtomicLong schedulesOwner = new AtomicLong();
    private final Timer leaseWait;
    private final Counter leasesLost;

    public BackupMetrics(MeterRegistry registry, BackupConfig config) {
        this.registry = registry;
        for (BackupScope scope : config.scopes()) {
            AtomicLong seconds = new AtomicLong();
            lastSuccess.put(scope, seconds);
            Gauge.builder("mcpdr_backup_last_success_timestamp_seconds", seconds, AtomicLong::doubleValue)
                    .description("When the scope was last backed up successfully (Unix seconds); 0 if never")
                    .tag("scope", scope.wireName())
                    .strongReference(true)
                    .register(registry);
        }
        Gauge.builder("mcpdr_backup_last_size_bytes", lastSize, AtomicLong::doubleValue)
                .description("Stored size of the last successful backup")
                .baseUnit("bytes")
                .strongReference(true)
                .register(registry);
        // Every series exists from the start, zero-valued, so that rules and dashboards see an idle service whole.
        for (BackupAction action : BackupAction.values()) {
            operationTimer(action, true);
            operationTimer(action, false);
        }
        for (String reason : List.of(REFUSED_UNAUTHENTICATED, REFUSED_MALFORMED)) {
            refusedCounter(reason);
        }
        Gauge.builder("mcpdr_backup_command_partitions", commandPartitions, AtomicLong::doubleValue)
                .description("Partitions of mcp-dr.commands.backup this instance handles")
                .strongReference(true)
                .register(registry);
        Gauge.builder("mcpdr_backup_schedules_owner", schedulesOwner, AtomicLong::doubleValue)
                .description("1 on the one instance that fires the backup, verify and prune schedules")
                .strongReference(true)
                .register(registry);
        leaseWait = Timer.builder("mcpdr_backup_lease_wait_seconds")
                .description("How long commands waited for other commands (on any instance) to free their scopes")
                .register(registry);
        leasesLost = Counter.builder("mcpdr_backup_leases_lost_total")
                .description("Scope leases taken over while their command still ran (the instance stalled longer"
                        + " than a lease lasts)")
                .register(registry);
    }

    void onPartitions(@Observes CommandPartitions change) {
        commandPartitions.set(change.ownership().partitions().size());
    }

    /** Whether this instance fires the schedules now. */
    public void firesSchedules(boolean owner) {
        schedulesOwner.set(owner ? 1 : 0);
    }

    /** A command waited this long for its scopes (zero when they were free). */
    public void waitedForScopes(Duration waited) {
        leaseWait.record(waited);
    }

    /** A running command's lease was taken over by another instance. */
    public void leaseLost() {
        leasesLost.increment();
    }

    public void operation(BackupAction action, boolean succeeded, Duration duration) {
        operationTimer(action, succeeded).record(duration);
    }

    private Timer operationTimer(BackupAction action, boolean succeeded) {
        return Timer.builder("mcpdr_backup_operation_seconds")
                .description("Backups, verifications, restores and prunes, by outcome")
                .tag("operation", action.name().toLowerCase(Locale.ROOT))
                .tag("outcome", succeeded ? "success" : "failure")
                .register(registry);
    }

    /** A command was refused before anything ran. */
    public void refusedCommand(String reason) {
        refusedCounter(reason).increment();
    }

    private Counter refusedCounter(String reason) {
        return Counter.builder("mcpdr_backup_commands_refused_total")
                .description("Backup commands refused, by reason")
                .tag("reason", reason)
                .register(registry);
    }

    /** A backup of these scopes completed at {@code at}; gauges only move forward. */
    public void backedUp(List<BackupScope> scopes, Instant at, long sizeBytes) {
        lastSuccess(scopes, at);
        lastSize.set(sizeBytes);
    }

    /** A complete backup of these scopes exists from {@code at} (the catalog says so); never moves back. */
    public void lastSuccess(List<BackupScope> scopes, Instant at) {
        for (BackupScope scope : scopes) {
            AtomicLong seconds = lastSuccess.get(scope);
            if (seconds != null) {
                seconds.accumulateAndGet(at.getEpochSecond(), Math::max);
            }
        }
    }
}
