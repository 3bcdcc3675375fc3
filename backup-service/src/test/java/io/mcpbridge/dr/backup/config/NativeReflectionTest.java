package io.mcpbridge.dr.backup.config;

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

    /** The event types backup-service reads or writes, as docs/events.md lists them. */
    private static final Set<EventType> READS_OR_WRITES = Set.of(
            // reads from mcp-dr.commands.backup: the commands it runs (BackupCommandIntake, CommandReplays);
            // writes there too: its own scheduled verify and prune (BackupSchedules)
            EventType.BACKUP_REQUESTED,
            // writes to mcp-dr.backup.results: progress and outcome of each command; reads its own recorded
            // outcome back from the store when a command is delivered again (CommandRunner)
            EventType.BACKUP_RESULT,
            // writes to mcp-dr.commands.outcomes: each command accepted or refused (BackupCommandIntake)
            EventType.COMMAND_OUTCOME,
            // writes to mcp-dr.backup.catalog and reads it back to reconcile it (CatalogPublisher,
            // CatalogReconciler): the index objects, which it also reads and writes in the store, and its policy
            EventType.BACKUP_CATALOGED,
            EventType.BACKUP_POLICY,
            // reads from mcp-dr.incidents: resolved incidents' postmortem drafts (PostmortemArchiver)
            EventType.INCIDENT_UPDATED,
            // writes to mcp-dr.commands.notify: its failed backups and verifications (FailureNotices)
            EventType.NOTIFY_REQUESTED);

    @Test
    void everyEventTypeTheServiceReadsOrWritesIsRegisteredForReflection() {
        assertThat(NativeReflectionCheck.missingFrom(NativeReflection.class, READS_OR_WRITES))
                .as("classes of backup-service's events that NativeReflection does not register")
                .isEmpty();
    }
}
