package io.mcpbridge.dr.notifier.config;

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

    /** The event types the notifier reads or writes, as docs/events.md lists them. */
    private static final Set<EventType> READS_OR_WRITES = Set.of(
            // reads from mcp-dr.commands.notify: what to tell whom (NotifyIntake)
            EventType.NOTIFY_REQUESTED);
    // writes no events: its delivery ledger on mcp-dr.notifier.deliveries holds plain strings, not event payloads

    @Test
    void everyEventTypeTheServiceReadsOrWritesIsRegisteredForReflection() {
        assertThat(NativeReflectionCheck.missingFrom(NativeReflection.class, READS_OR_WRITES))
                .as("classes of the notifier's events that NativeReflection does not register")
                .isEmpty();
    }
}
