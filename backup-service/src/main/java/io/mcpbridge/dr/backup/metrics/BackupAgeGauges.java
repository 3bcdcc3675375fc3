package io.mcpbridge.dr.backup.metrics;

import io.mcpbridge.dr.backup.config.AfterStart;
import io.mcpbridge.dr.backup.config.BackupConfig;
import io.mcpbridge.dr.backup.operation.BackupContext;
import io.mcpbridge.dr.backup.schedule.MaxBackupAge;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * How old each scope's backups are, read from the store's catalog (so a restarted or second instance tells
 * the same), next to the maximum age the scope may reach:
 * <ul>
 * <li>{@code mcpdr_backup_max_age_seconds{scope}}: the scope's maximum backup age ({@link MaxBackupAge});
 * <li>{@code mcpdr_backup_last_verified_timestamp_seconds{scope}}: when the newest backup of the scope that a
 * verification proved restorable was taken (Unix seconds, 0 if none): now minus this is what a disaster
 * restore would lose, alerted on when it exceeds the maximum age;
 * <li>{@code mcpdr_backup_last_success_timestamp_seconds{scope}} (registered by {@link BackupMetrics}): the
 * newest complete backup, verified or not.
 * </ul>
 * Forensic copies (the corrupted state a restore overwrote) count for neither.
 */
@ApplicationScoped
public class BackupAgeGauges {

    private static final Logger LOG = Logger.getLogger(BackupAgeGauges.class);

    private final BackupContext context;
    private final BackupMetrics metrics;
    private final Map<BackupScope, AtomicLong> lastVerified = new EnumMap<>(BackupScope.class);

    public BackupAgeGauges(BackupConfig config, BackupContext context, BackupMetrics metrics, MeterRegistry registry) {
        this.context = context;
        this.metrics = metrics;
        Map<BackupScope, Duration> maxAges = MaxBackupAge.of(
                config.scopes(), config.maxAge(), config.schedule().backup());
        maxAges.forEach((scope, maxAge) -> {
            Gauge.builder("mcpdr_backup_max_age_seconds", maxAge::toSeconds)
                    .description("The maximum age of the scope's newest verified backup: the loss a disaster"
                            + " restore may cause")
                    .tag("scope", scope.wireName())
                    .strongReference(true)
                    .register(registry);
            AtomicLong verified = new AtomicLong();
            lastVerified.put(scope, verified);
            Gauge.builder("mcpdr_backup_last_verified_timestamp_seconds", verified, AtomicLong::doubleValue)
                    .description(
                            "When the scope's newest backup proven restorable was taken (Unix seconds); 0 if" + " none")
                    .tag("scope", scope.wireName())
                    .strongReference(true)
                    .register(registry);
        });
    }

    /** Before the catalog's reconciliation (observers of lower priority run first): the ages are alerted on. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION) StartupEvent start, AfterStart afterStart) {
        // Off the start-up path: the store may answer slowly, or not yet.
        afterStart.run("the backup ages' first read", this::refreshQuietly);
    }

    @Scheduled(
            identity = "backup-age-gauges",
            every = "${mcpdr.backup.catalog-refresh}",
            delayed = "${mcpdr.backup.catalog-refresh}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refreshQuietly() {
        try {
            refresh();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("backup ages not read from the catalog: %s", e.getMessage());
        }
    }

    /** Reads the catalog and moves the gauges forward to what it holds (never back). */
    public void refresh() throws IOException {
        List<BackupIndex> all = context.catalog().all();
        for (BackupIndex index : all) {
            if (index.purpose() == BackupIndex.Purpose.FORENSIC || index.status() != BackupIndex.Status.COMPLETE) {
                continue;
            }
            metrics.lastSuccess(index.scopes(), index.completedAt());
            if (index.verifiedGood()) {
                for (BackupScope scope : index.scopes()) {
                    AtomicLong verified = lastVerified.get(scope);
                    if (verified != null) {
                        verified.accumulateAndGet(index.createdAt().getEpochSecond(), Math::max);
                    }
                }
            }
        }
    }
}
