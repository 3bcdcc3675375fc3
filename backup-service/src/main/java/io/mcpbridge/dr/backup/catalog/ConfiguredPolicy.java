package io.mcpbridge.dr.backup.catalog;

import io.mcpbridge.dr.backup.config.BackupConfig;
import io.mcpbridge.dr.backup.schedule.MaxBackupAge;
import io.mcpbridge.dr.events.backup.BackupPolicy;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The {@link BackupPolicy} record of this service's configuration. */
final class ConfiguredPolicy {

    private ConfiguredPolicy() {}

    /**
     * @param store where the backups are, as the store describes itself (never with credentials)
     */
    static BackupPolicy of(BackupConfig config, String store, Instant at) {
        Map<String, String> schedules = new LinkedHashMap<>();
        schedules.put("backup", config.schedule().backup());
        schedules.put("verify", config.schedule().verify());
        schedules.put("prune", config.schedule().prune());
        return new BackupPolicy(
                MaxBackupAge.of(
                        config.scopes(), config.maxAge(), config.schedule().backup()),
                config.scopes(),
                schedules,
                config.retention().maxAge(),
                config.retention().keepVerified(),
                store,
                at);
    }

    /** Whether two policies say the same, whenever each was published. */
    static boolean sameSettings(BackupPolicy a, BackupPolicy b) {
        return a.maxAge().equals(b.maxAge())
                && a.scopes().equals(b.scopes())
                && a.schedules().equals(b.schedules())
                && Objects.equals(a.retentionMaxAge(), b.retentionMaxAge())
                && a.keepVerified() == b.keepVerified()
                && Objects.equals(a.store(), b.store());
    }
}
