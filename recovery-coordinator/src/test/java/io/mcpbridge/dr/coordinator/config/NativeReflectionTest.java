package io.mcpbridge.dr.coordinator.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.testing.NativeReflectionCheck;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Jackson reaches event payloads by reflection, which a native image allows only for registered classes: a class
 * left out of {@link NativeReflection} passes every JVM test and fails in production on the first event carrying it.
 */
class NativeReflectionTest {

    /** The event types the recovery coordinator reads or writes, as docs/events.md lists them. */
    private static final Set<EventType> READS_OR_WRITES = Set.of(
            // reads from mcp-dr.health: transitions open incidents, snapshots verify recoveries (SignalIntake)
            EventType.HEALTH_CHANGED,
            EventType.HEALTH_SNAPSHOT,
            // reads from mcp-dr.alerts (SignalIntake)
            EventType.ALERT_RECEIVED,
            // reads from mcp-dr.commands.recovery: engineers' and drills' commands (AcceptedCommand, CommandHistory)
            EventType.RECOVERY_REQUESTED,
            // reads from mcp-dr.backup.results: how the backups and restores it asked for went (BackupResultsFollower)
            EventType.BACKUP_RESULT,
            // reads from mcp-dr.backup.catalog: the backups that are recovery points (BackupCatalogFollower)
            EventType.BACKUP_CATALOGED,
            // writes to mcp-dr.incidents at each change (Coordinator); reads it back to resume (IncidentHistory)
            EventType.INCIDENT_UPDATED,
            // writes to mcp-dr.commands.backup: a runbook's backup and restore steps (StepExecutor)
            EventType.BACKUP_REQUESTED,
            // writes to mcp-dr.commands.notify: incident notices and refused commands (Coordinator, StepExecutor,
            // RecoveryCommandIntake)
            EventType.NOTIFY_REQUESTED,
            // writes to mcp-dr.commands.outcomes: each command's one outcome (RecoveryCommandIntake)
            EventType.COMMAND_OUTCOME);

    @Test
    void everyEventTypeTheServiceReadsOrWritesIsRegisteredForReflection() {
        assertThat(NativeReflectionCheck.missingFrom(NativeReflection.class, READS_OR_WRITES))
                .as("classes of the recovery coordinator's events that NativeReflection does not register")
                .isEmpty();
    }
}
