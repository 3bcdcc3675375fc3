package io.mcpbridge.dr.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.backup.schedule.BackupSchedules;
import io.mcpbridge.dr.backup.support.BackupPeersResource;
import io.mcpbridge.dr.backup.support.BackupServiceProfile;
import io.mcpbridge.dr.events.CloudEventHeaders;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupPhase;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.backup.RestoreTargets;
import io.mcpbridge.dr.events.command.CommandOutcome;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.trust.RecordAuthenticator;
import io.mcpbridge.dr.testing.BackupCommands;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.TestEvents;
import io.mcpbridge.dr.testing.TestSigners;
import io.mcpbridge.dr.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The running service: commands in on Kafka, results out, the S3 server and Redis real. */
@QuarkusTest
@TestProfile(BackupServiceProfile.class)
class BackupServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private TestEvents events;
    private TopicRecorder results;
    private TopicRecorder dlq;
    private TopicRecorder outcomes;

    @BeforeEach
    void connect() {
        events = new TestEvents(KafkaBroker.shared().bootstrapServers());
        results = TopicRecorder.fromNow(KafkaBroker.shared().bootstrapServers(), Topics.BACKUP_RESULTS);
        dlq = TopicRecorder.fromNow(KafkaBroker.shared().bootstrapServers(), Topics.DLQ);
        outcomes = TopicRecorder.fromNow(KafkaBroker.shared().bootstrapServers(), Topics.COMMAND_OUTCOMES);
    }

    @AfterEach
    void disconnect() {
        events.close();
        results.close();
        dlq.close();
        outcomes.close();
    }

    @Test
    void aBackupCommandIsReportedStartedInProgressAndSucceeded() {
        BackupCommand command = BackupCommands.of(BackupAction.BACKUP, null);
        send(command);

        BackupResult done = terminal(command.id());
        assertThat(done.phase()).isEqualTo(BackupPhase.SUCCEEDED);
        assertThat(done.backupId()).matches("\\d{8}T\\d{6}Z-[0-9a-f]{6}");
        assertThat(done.scopes()).containsExactly(BackupScope.CONFIGS, BackupScope.CERTS, BackupScope.REDIS);
        assertThat(done.counts())
                .containsEntry("redisKeys", (long) BackupPeersResource.SESSIONS + 6)
                .containsEntry("configs", 2L);
        assertThat(done.sizeBytes()).isPositive();
        assertThat(done.ciphertextSha256()).hasSize(64);
        List<BackupPhase> phases =
                results
                        .payloads(
                                EventType.BACKUP_RESULT,
                                BackupResult.class,
                                r -> r.commandId().equals(command.id()))
                        .stream()
                        .map(BackupResult::phase)
                        .toList();
        assertThat(phases.get(0)).isEqualTo(BackupPhase.STARTED);
        assertThat(phases).contains(BackupPhase.PROGRESS).endsWith(BackupPhase.SUCCEEDED);
        assertThat(phases.stream().filter(BackupPhase::terminal)).hasSize(1);

        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .containsPattern("mcpdr_backup_last_success_timestamp_seconds\\{scope=\"redis\"[^}]*} 1\\.[0-9]+E9")
                .contains("mcpdr_backup_operation_seconds_count{operation=\"backup\",outcome=\"success\"");
    }

    @Test
    void verifyAndRestoreOfTheLatestBackupSucceedAfterAForensicCopy() {
        BackupCommand backup = BackupCommands.of(BackupAction.BACKUP, null);
        send(backup);
        String backupId = terminal(backup.id()).backupId();

        BackupCommand verify = BackupCommands.of(BackupAction.VERIFY, "latest");
        send(verify);
        BackupResult verified = terminal(verify.id());
        assertThat(verified.phase()).as(verified.reason()).isEqualTo(BackupPhase.SUCCEEDED);
        assertThat(verified.backupId()).isEqualTo(backupId);
        assertThat(verified.counts()).containsEntry("valuesCompared", 100L);
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .as("the verified backup is the scope's newest proven restorable, next to its maximum age")
                .containsPattern("mcpdr_backup_last_verified_timestamp_seconds\\{scope=\"redis\"[^}]*} 1\\.[0-9]+E9")
                .containsPattern("mcpdr_backup_max_age_seconds\\{scope=\"redis\"[^}]*} 7200\\.0")
                .containsPattern("mcpdr_backup_max_age_seconds\\{scope=\"configs\"[^}]*} 43200\\.0");

        BackupCommand restore = new BackupCommand(
                "restore-" + UUID.randomUUID(),
                BackupAction.RESTORE,
                List.of(BackupScope.REDIS),
                backupId,
                null,
                "drill",
                "test",
                Instant.now(),
                null,
                null);
        send(restore);
        BackupResult restored = terminal(restore.id());
        assertThat(restored.phase()).as(restored.reason()).isEqualTo(BackupPhase.SUCCEEDED);
        assertThat(restored.forensicBackupId()).isNotNull().isNotEqualTo(backupId);
        assertThat(restored.counts()).containsKey("redisKeys");
    }

    @Test
    void aCommandPublishedTwiceRunsOnceAndTheCopyIsRefusedAsAReplay() {
        BackupCommand command = BackupCommands.of(BackupAction.BACKUP, null);
        send(command);
        terminal(command.id());

        send(command);

        assertThat(reasonFor(command.id())).contains("is a replay and runs nothing");
        assertThat(results.payloads(
                        EventType.BACKUP_RESULT,
                        BackupResult.class,
                        r -> r.commandId().equals(command.id()) && r.phase().terminal()))
                .hasSize(1);
        assertThat(results.payloads(
                        EventType.BACKUP_RESULT,
                        BackupResult.class,
                        r -> r.commandId().equals(command.id()) && r.phase() == BackupPhase.STARTED))
                .hasSize(1);
    }

    @Inject
    BackupSchedules schedules;

    @Test
    void aScheduledBackupIsQueuedAsACommandAndRunLikeAnyOther() {
        TopicRecorder commands = TopicRecorder.fromNow(KafkaBroker.shared().bootstrapServers(), Topics.COMMANDS_BACKUP);
        try (commands) {
            schedules.request(BackupAction.BACKUP, Instant.now());

            BackupCommand queued = commands.awaitPayloads(
                            EventType.BACKUP_REQUESTED,
                            BackupCommand.class,
                            c -> c.action() == BackupAction.BACKUP && "schedule".equals(c.requestedBy()),
                            1,
                            WAIT)
                    .get(0);
            BackupResult done = terminal(queued.id());
            assertThat(done.phase()).as(done.reason()).isEqualTo(BackupPhase.SUCCEEDED);
            assertThat(done.scopes()).containsExactly(BackupScope.CONFIGS, BackupScope.CERTS, BackupScope.REDIS);
        }
    }

    @Test
    void anOperationThatCannotBeDoneIsReportedFailedWithItsReason() {
        BackupCommand command = BackupCommands.of(BackupAction.RESTORE, "20200101T000000Z-abcdef");
        send(command);

        BackupResult failed = terminal(command.id());
        assertThat(failed.phase()).isEqualTo(BackupPhase.FAILED);
        assertThat(failed.reason()).contains("no backup 20200101T000000Z-abcdef");

        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("mcpdr_backup_operation_seconds_count{operation=\"restore\",outcome=\"failure\"");
    }

    @Test
    void malformedCommandsGoToTheDeadLetterTopicWithTheReason() {
        ProducerRecord<String, byte[]> unknownScope =
                raw("bad-scope", "{\"id\":\"bad-scope\",\"action\":\"BACKUP\",\"scopes\":[\"everything\"]}");
        ProducerRecord<String, byte[]> idOnBackup =
                raw("id-on-backup", "{\"id\":\"id-on-backup\",\"action\":\"BACKUP\",\"backupId\":\"latest\"}");
        ProducerRecord<String, byte[]> notJson = raw("not-json", "restore everything please");

        events.send(unknownScope);
        events.send(idOnBackup);
        events.send(notJson);

        assertThat(reasonFor("bad-scope")).contains("unknown backup scope 'everything'");
        assertThat(reasonFor("id-on-backup")).contains("BACKUP takes no backupId");
        assertThat(reasonFor("not-json")).startsWith("not a valid BackupCommand");
    }

    @Test
    void commandsNotSignedByATrustedSignerOrCopiedAgainRunNothing() {
        BackupCommand unsigned = BackupCommands.of(BackupAction.PRUNE, null);
        BackupCommand stranger = BackupCommands.of(BackupAction.PRUNE, null);
        BackupCommand twice = BackupCommands.of(BackupAction.PRUNE, null);
        ProducerRecord<String, byte[]> once =
                TestSigners.signer(TestSigners.ENGINEER).sign(record(twice));

        events.send(record(unsigned));
        events.send(TestSigners.signer(TestSigners.STRANGER).sign(record(stranger)));
        events.send(once);
        events.send(new ProducerRecord<>(once.topic(), null, once.key(), once.value(), once.headers()));

        assertThat(reasonFor(unsigned.id())).contains("is not signed");
        assertThat(reasonFor(stranger.id())).contains("'mallory', who is not trusted here");
        assertThat(reasonFor(twice.id())).contains("is a replay and runs nothing");
        terminal(twice.id());
        assertThat(outcomesOf(unsigned.id(), 1)).singleElement().satisfies(outcome -> {
            assertThat(outcome.verdict()).isEqualTo(CommandOutcome.Verdict.REFUSED);
            assertThat(outcome.reason()).contains("is not signed");
        });
        assertThat(outcomesOf(stranger.id(), 1))
                .singleElement()
                .satisfies(outcome -> assertThat(outcome.reason()).contains("'mallory', who is not trusted here"));
        assertThat(outcomesOf(twice.id(), 2))
                .as("the command accepted, its copy refused as a replay")
                .extracting(CommandOutcome::verdict)
                .containsExactlyInAnyOrder(CommandOutcome.Verdict.ACCEPTED, CommandOutcome.Verdict.REFUSED);
        assertThat(results.payloads(
                        EventType.BACKUP_RESULT,
                        BackupResult.class,
                        r -> r.commandId().equals(twice.id()) && r.phase() == BackupPhase.STARTED))
                .hasSize(1);
        assertThat(results.payloads(
                        EventType.BACKUP_RESULT,
                        BackupResult.class,
                        r -> r.commandId().equals(unsigned.id())
                                || r.commandId().equals(stranger.id())))
                .isEmpty();
        assertThat(given().get("/q/metrics").then().extract().asString())
                .contains("mcpdr_backup_commands_refused_total{reason=\"unauthenticated\"}");
    }

    @Test
    void aRestoreThatGivesAnAddressInsteadOfATargetNameIsRefused() {
        BackupCommand toMyHost = new BackupCommand(
                "restore-" + UUID.randomUUID(),
                BackupAction.RESTORE,
                List.of(BackupScope.REDIS),
                "latest",
                new RestoreTargets("203.0.113.9:6379", null, null),
                "test",
                "test",
                Instant.now(),
                null,
                null);
        BackupCommand toProduction = new BackupCommand(
                "restore-" + UUID.randomUUID(),
                BackupAction.RESTORE,
                List.of(BackupScope.KUBERNETES),
                "latest",
                new RestoreTargets(null, "kube-system", null),
                "test",
                "test",
                Instant.now(),
                null,
                null);

        send(toMyHost);
        send(toProduction);

        assertThat(reasonFor(toMyHost.id())).contains("never an address");
        assertThat(reasonFor(toProduction.id())).contains("namespace 'kube-system' is not a configured restore target");
        assertThat(results.payloads(
                        EventType.BACKUP_RESULT,
                        BackupResult.class,
                        r -> r.commandId().equals(toMyHost.id())
                                || r.commandId().equals(toProduction.id())))
                .isEmpty();
    }

    @Test
    void resultsAreSignedByBackupService() {
        BackupCommand command = BackupCommands.of(BackupAction.PRUNE, null);
        send(command);
        terminal(command.id());

        ConsumerRecord<String, byte[]> result = results.records().stream()
                .filter(r -> EventRecords.header(r.headers(), CloudEventHeaders.ID)
                        .orElse("")
                        .startsWith(command.id()))
                .findFirst()
                .orElseThrow();
        RecordAuthenticator authenticator = TestSigners.authenticatorTrusting(TestSigners.BACKUP_SERVICE);
        assertThat(authenticator
                        .verify(result.topic(), result.key(), result.headers(), result.value())
                        .signer())
                .isEqualTo(TestSigners.BACKUP_SERVICE);
    }

    private String reasonFor(String commandId) {
        Awaitility.await("dead letter " + commandId)
                .atMost(WAIT)
                .until(() -> dlq.records().stream()
                        .anyMatch(r -> EventRecords.header(r.headers(), CloudEventHeaders.ID)
                                .orElse("")
                                .equals(commandId)));
        return dlq.records().stream()
                .filter(r -> EventRecords.header(r.headers(), CloudEventHeaders.ID)
                        .orElse("")
                        .equals(commandId))
                .map(r -> EventRecords.header(r.headers(), CloudEventHeaders.DLQ_REASON)
                        .orElseThrow())
                .findFirst()
                .orElseThrow();
    }

    /** A record an engineer signed, whatever it holds: what follows the signature check is what is shown. */
    private static ProducerRecord<String, byte[]> raw(String key, String json) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Topics.COMMANDS_BACKUP, "all", json.getBytes(StandardCharsets.UTF_8));
        record.headers()
                .add(
                        CloudEventHeaders.TYPE,
                        EventType.BACKUP_REQUESTED.typeName().getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.ID, key.getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.SOURCE, "/test".getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.TIME, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        return TestSigners.signer(TestSigners.ENGINEER).sign(record);
    }

    private static ProducerRecord<String, byte[]> record(BackupCommand command) {
        return EventRecords.toRecord(new EventEnvelope(
                command.id(), EventType.BACKUP_REQUESTED, "/test", command.kafkaKey(), Instant.now(), command));
    }

    private BackupResult terminal(String commandId) {
        return BackupCommands.terminalResult(results, commandId, WAIT);
    }

    /** The outcomes answered for a command id (at least {@code count}), each signed by backup-service. */
    private List<CommandOutcome> outcomesOf(String commandId, int count) {
        List<CommandOutcome> answered = outcomes.awaitPayloads(
                EventType.COMMAND_OUTCOME,
                CommandOutcome.class,
                o -> o.commandId().equals(commandId),
                count,
                WAIT);
        assertThat(outcomes.records())
                .filteredOn(record -> commandId.equals(record.key()))
                .allSatisfy(record -> assertThat(EventRecords.header(record.headers(), "mcpdr-signer"))
                        .contains("backup-service"));
        return answered;
    }

    private void send(BackupCommand command) {
        events.publish(new EventEnvelope(
                command.id(), EventType.BACKUP_REQUESTED, "/test", command.kafkaKey(), Instant.now(), command));
    }
}
