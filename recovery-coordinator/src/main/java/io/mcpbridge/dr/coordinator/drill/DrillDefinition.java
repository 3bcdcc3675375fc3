package io.mcpbridge.dr.coordinator.drill;

import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.drill.DrillType;
import java.time.Duration;
import java.util.List;

/**
 * One drill as operators define it ({@code drills.yaml}).
 *
 * @param type     which of the plan's drills
 * @param schedule when it runs (Quartz cron), or {@code off} for on demand only
 * @param timeout  how long it may take before it is failed (and cleaned up)
 * @param scopes   the backup scopes it exercises; all when none are named
 */
public record DrillDefinition(DrillType type, String schedule, Duration timeout, List<BackupScope> scopes) {

    public DrillDefinition {
        schedule = schedule == null || schedule.isBlank() ? "off" : schedule.strip();
        timeout = timeout == null ? Duration.ofHours(1) : timeout;
        scopes = scopes == null || scopes.isEmpty() ? List.of(BackupScope.values()) : List.copyOf(scopes);
    }
}
