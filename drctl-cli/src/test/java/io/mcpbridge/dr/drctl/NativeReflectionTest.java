package io.mcpbridge.dr.drctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.testing.NativeReflectionCheck;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Jackson reaches event payloads by reflection, which a native image allows only for registered classes: a class
 * left out of {@link NativeReflection} passes every JVM test and fails in a native drctl on the first such event.
 */
class NativeReflectionTest {

    /** What drctl reads (status, incidents, follow, backup list, answers) and sends (commands). */
    private static final Set<EventType> READS_OR_WRITES = Set.of(
            EventType.HEALTH_CHANGED,
            EventType.HEALTH_SNAPSHOT,
            EventType.INCIDENT_UPDATED,
            EventType.BACKUP_CATALOGED,
            EventType.BACKUP_POLICY,
            EventType.BACKUP_RESULT,
            EventType.COMMAND_OUTCOME,
            EventType.RECOVERY_REQUESTED,
            EventType.BACKUP_REQUESTED,
            EventType.DRILL_COMPLETED);

    @Test
    void everyEventTypeDrctlReadsOrWritesIsRegisteredForReflection() {
        assertThat(NativeReflectionCheck.missingFrom(NativeReflection.class, READS_OR_WRITES))
                .as("classes of drctl's events that NativeReflection does not register")
                .isEmpty();
    }
}
