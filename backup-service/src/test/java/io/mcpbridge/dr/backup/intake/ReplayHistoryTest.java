package io.mcpbridge.dr.backup.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.trust.RecordAuthenticator;
import io.mcpbridge.dr.events.trust.ReplayGuard;
import io.mcpbridge.dr.events.trust.ReplayHistory;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.TestEvents;
import io.mcpbridge.dr.testing.TestSigners;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * A backup-service that starts or is given partitions learns from the command topic itself which commands
 * were taken, so a copy published again is still a replay; what was never believed is not noted.
 */
class ReplayHistoryTest {

    private final RecordAuthenticator authenticator = TestSigners.authenticatorTrusting(TestSigners.ENGINEER);

    @Test
    void commandsTakenBeforeAStartAreKnownAfterItAndStrangersAreNot() {
        KafkaBroker broker = KafkaBroker.shared();
        BackupCommand signed = command();
        BackupCommand unsigned = command();
        RecordMetadata taken;
        try (TestEvents events = new TestEvents(broker.bootstrapServers())) {
            taken = events.send(TestSigners.signer(TestSigners.ENGINEER).sign(record(signed)));
            events.send(record(unsigned));
        }
        ReplayGuard guard = new ReplayGuard(authenticator.maxSkew());

        int noted = ReplayHistory.rebuild(
                Map.of("bootstrap.servers", broker.bootstrapServers()),
                "mcp-dr.commands.backup",
                partition -> true,
                authenticator,
                guard,
                Clock.systemUTC(),
                Duration.ofSeconds(30));

        assertThat(noted).isPositive();
        String place = "mcp-dr.commands.backup-" + taken.partition() + "@" + taken.offset();
        assertThat(guard.admit(signed.id(), place, Instant.now()))
                .as("the record itself, delivered again")
                .isTrue();
        assertThat(guard.admit(signed.id(), place + "0", Instant.now()))
                .as("a copy of it")
                .isFalse();
        assertThat(guard.admit(unsigned.id(), "mcp-dr.commands.backup-0@999999", Instant.now()))
                .as("never believed, so never noted")
                .isTrue();
    }

    private static BackupCommand command() {
        return new BackupCommand(
                "prune-" + UUID.randomUUID(),
                BackupAction.PRUNE,
                List.of(),
                null,
                null,
                "test",
                "alice",
                Instant.now(),
                null,
                null);
    }

    private static ProducerRecord<String, byte[]> record(BackupCommand command) {
        return EventRecords.toRecord(new EventEnvelope(
                command.id(), EventType.BACKUP_REQUESTED, "/test", command.kafkaKey(), command.requestedAt(), command));
    }
}
