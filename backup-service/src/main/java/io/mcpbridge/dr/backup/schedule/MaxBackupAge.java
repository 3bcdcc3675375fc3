package io.mcpbridge.dr.backup.schedule;

import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.json.MalformedEventException;
import io.mcpbridge.dr.events.schedule.CronSchedule;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The maximum backup age of each scope: how old its newest verified backup may be, which is the data a
 * disaster restore may lose. Set per scope ({@code mcpdr.backup.max-age.<scope>}); by default twice the
 * period of the backup schedule, so one missed backup is tolerated and two are not. It is not the plan's RPO
 * (configuration 0, sessions 1 minute), which Git and Redis AOF meet, not backups.
 */
public final class MaxBackupAge {

    /** With the backup schedule off and nothing set: twice the plan's 6 hours. */
    static final Duration WITHOUT_SCHEDULE = Duration.ofHours(12);

    private MaxBackupAge() {}

    /**
     * The maximum age of each of {@code scopes}.
     *
     * @param configured   per scope wire name ({@code configs}, {@code redis}, ...); unknown names are refused
     * @param backupCron   the backup schedule (Quartz cron) or {@code off}
     */
    public static Map<BackupScope, Duration> of(
            Collection<BackupScope> scopes, Map<String, Duration> configured, String backupCron) {
        for (String name : configured.keySet()) {
            try {
                BackupScope.of(name);
            } catch (MalformedEventException e) {
                throw new IllegalArgumentException("mcpdr.backup.max-age." + name + ": " + e.getMessage());
            }
        }
        Duration fallback =
                schedulePeriod(backupCron).map(period -> period.multipliedBy(2)).orElse(WITHOUT_SCHEDULE);
        Map<BackupScope, Duration> ages = new EnumMap<>(BackupScope.class);
        for (BackupScope scope : scopes) {
            Duration age = configured.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(scope.wireName()))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(fallback);
            if (age.isNegative() || age.isZero()) {
                throw new IllegalArgumentException("mcpdr.backup.max-age." + scope.wireName() + " must be positive");
            }
            ages.put(scope, age);
        }
        return ages;
    }

    /** The longest gap between two runs of the schedule, or empty when it is off. */
    static Optional<Duration> schedulePeriod(String cron) {
        return CronSchedule.period(cron);
    }
}
