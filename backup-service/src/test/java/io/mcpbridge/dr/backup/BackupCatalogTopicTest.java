package io.mcpbridge.dr.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.backup.catalog.CatalogReconciler;
import io.mcpbridge.dr.backup.operation.BackupContext;
import io.mcpbridge.dr.backup.store.BucketLayout;
import io.mcpbridge.dr.backup.support.BackupServiceProfile;
import io.mcpbridge.dr.backup.support.CatalogBeforeStart;
import io.mcpbridge.dr.events.CloudEventHeaders;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupPhase;
import io.mcpbridge.dr.events.backup.BackupPolicy;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.command.CommandOutcome;
import io.mcpbridge.dr.events.json.EventJson;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.kafka.TopicReader;
import io.mcpbridge.dr.events.trust.RecordAuthenticator;
import io.mcpbridge.dr.testing.BackupCommands;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.S3Server;
import io.mcpbridge.dr.testing.TestEvents;
import io.mcpbridge.dr.testing.TestSigners;
import io.mcpbridge.dr.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The catalog on {@code mcp-dr.backup.catalog}, as a reader that has only Kafka sees it: every index object as
 * written, a tombstone per pruned backup, the policy, reconciled with the store at start and on refresh. What
 * start-up did is checked first, before any test reconciles (the scheduled reconciliation is an hour away in
 * tests), so nothing else can have done it.
 */
@QuarkusTest
@TestProfile(BackupServiceProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupCatalogTopicTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    BackupContext context;

    @Inject
    CatalogReconciler reconciler;

    private TestEvents events;
    private TopicRecorder results;
    private TopicRecorder outcomes;
    private TopicRecorder catalog;

    @BeforeEach
    void connect() {
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        events = new TestEvents(bootstrap);
        results = TopicRecorder.fromNow(bootstrap, Topics.BACKUP_RESULTS);
        outcomes = TopicRecorder.fromNow(bootstrap, Topics.COMMAND_OUTCOMES);
        catalog = TopicRecorder.fromNow(bootstrap, Topics.BACKUP_CATALOG);
    }

    @AfterEach
    void disconnect() {
        events.close();
        results.close();
        outcomes.close();
        catalog.close();
    }

    @Test
    void aBackupIsOnTheCatalogAsItsIndexObjectSaysAndItsVerificationUpdatesIt() throws IOException {
        // A forensic copy: verified, it never becomes what another test's "latest" resolves to.
        BackupCommand backup = BackupCommands.of(BackupAction.FORENSIC, null, null);
        send(backup);
        String backupId = succeeded(backup).backupId();

        ConsumerRecord<String, byte[]> taken = awaitCatalog(
                backupId, record -> record.value() != null && indexIn(record).verified() == null);
        assertThat(indexIn(taken)).isEqualTo(context.catalog().find(backupId).orElseThrow());
        assertThat(signerOf(taken)).isEqualTo(TestSigners.BACKUP_SERVICE);
        assertThat(EventRecords.header(taken.headers(), CloudEventHeaders.TYPE))
                .contains(EventType.BACKUP_CATALOGED.typeName());

        BackupCommand verify = BackupCommands.of(BackupAction.VERIFY, backupId, null);
        send(verify);
        succeeded(verify);

        ConsumerRecord<String, byte[]> verified = awaitCatalog(
                backupId,
                record -> record.value() != null
                        && Boolean.TRUE.equals(indexIn(record).verified()));
        assertThat(indexIn(verified)).isEqualTo(context.catalog().find(backupId).orElseThrow());
        assertThat(indexIn(verified).verifiedAt()).isNotNull();
    }

    @Test
    void pruneDeletesExpiredBackupsAndPublishesASignedTombstoneForEach() throws IOException {
        List<String> expired = plantOldFailures(2);

        BackupCommand prune = BackupCommands.of(BackupAction.PRUNE, null, null);
        send(prune);
        BackupResult pruned = succeeded(prune);

        assertThat(pruned.backupIds()).containsAll(expired);
        assertThat(pruned.counts().get("deleted")).isGreaterThanOrEqualTo(2L);
        assertThat(pruned.counts()).doesNotContainKey("wouldDelete");
        assertThat(pruned.reason()).isNull();
        for (String id : expired) {
            assertThat(context.catalog().find(id)).as(id).isEmpty();
            ConsumerRecord<String, byte[]> tombstone = awaitCatalog(id, record -> record.value() == null);
            assertThat(signerOf(tombstone)).isEqualTo(TestSigners.BACKUP_SERVICE);
        }
    }

    @Test
    void aDryRunPruneNamesWhatItWouldDeleteAndDeletesNothing() throws IOException {
        List<String> expired = plantOldFailures(2);

        BackupCommand dryRun = BackupCommands.of(BackupAction.PRUNE, null, true);
        send(dryRun);
        BackupResult said = succeeded(dryRun);

        assertThat(said.backupIds()).containsAll(expired);
        assertThat(said.counts()).containsEntry("deleted", 0L);
        assertThat(said.counts().get("wouldDelete"))
                .isEqualTo((long) said.backupIds().size());
        assertThat(said.reason()).startsWith("dry run");
        for (String id : expired) {
            assertThat(context.catalog().find(id)).as(id).isPresent();
        }
        // A tombstone would have been acknowledged before the result was published: it would be read here.
        assertThat(wholeCatalog())
                .filteredOn(record -> expired.contains(record.key()))
                .allSatisfy(record -> assertThat(record.value()).isNotNull());
    }

    @Test
    void aDryRunOfAnythingButPruneIsRefusedAndNotRun() {
        BackupCommand restore = BackupCommands.of(BackupAction.RESTORE, "latest", true);
        send(restore);

        CommandOutcome refused = outcomes.awaitPayloads(
                        EventType.COMMAND_OUTCOME,
                        CommandOutcome.class,
                        outcome -> outcome.commandId().equals(restore.id()),
                        1,
                        WAIT)
                .get(0);
        assertThat(refused.verdict()).isEqualTo(CommandOutcome.Verdict.REFUSED);
        assertThat(refused.reason()).contains("only PRUNE can be a dry run");
        assertThat(results.payloads(
                        EventType.BACKUP_RESULT,
                        BackupResult.class,
                        r -> r.commandId().equals(restore.id())))
                .isEmpty();
    }

    @Test
    @Order(1)
    void atStartTheTopicIsMadeToSayWhatTheStoreSays() {
        BackupIndex storedOnly = CatalogBeforeStart.oldFailure(CatalogBeforeStart.STORED_ONLY);

        Awaitility.await("the start-up reconciliation on " + Topics.BACKUP_CATALOG)
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    List<ConsumerRecord<String, byte[]>> all = wholeCatalog();
                    assertThat(all)
                            .as("the index object put into the store before start is published")
                            .anySatisfy(record -> {
                                assertThat(record.key()).isEqualTo(CatalogBeforeStart.STORED_ONLY);
                                assertThat(record.value()).isNotNull();
                                assertThat(indexIn(record)).isEqualTo(storedOnly);
                                assertThat(signerOf(record)).isEqualTo(TestSigners.BACKUP_SERVICE);
                            });
                    List<ConsumerRecord<String, byte[]>> catalogedOnly = all.stream()
                            .filter(record -> CatalogBeforeStart.CATALOGED_ONLY.equals(record.key()))
                            .toList();
                    assertThat(catalogedOnly)
                            .as("the backup the store no longer has ends with a tombstone")
                            .isNotEmpty()
                            .last()
                            .satisfies(record -> assertThat(record.value()).isNull());
                });
    }

    @Test
    void aRefreshPublishesWhatTheTopicMissedAndTombstonesWhatTheStoreLost() throws IOException {
        String putByHand = BucketLayout.newBackupId(Instant.parse("2020-03-04T05:06:07Z"));
        context.store()
                .create(
                        context.layout().indexKey(putByHand),
                        EventJson.toBytes(CatalogBeforeStart.oldFailure(putByHand)));
        String deletedByHand = BucketLayout.newBackupId(Instant.parse("2020-03-04T05:06:07Z"));
        events.publishSignedBy(
                TestSigners.signer(TestSigners.BACKUP_SERVICE),
                new EventEnvelope(
                        "test-" + deletedByHand,
                        EventType.BACKUP_CATALOGED,
                        "/test",
                        deletedByHand,
                        Instant.now(),
                        CatalogBeforeStart.oldFailure(deletedByHand)));

        CatalogReconciler.Reconciliation done = reconciler.reconcile(false);

        assertThat(done.published()).isPositive();
        assertThat(done.tombstones()).isPositive();
        assertThat(indexIn(awaitCatalog(putByHand, record -> record.value() != null)))
                .isEqualTo(CatalogBeforeStart.oldFailure(putByHand));
        awaitCatalog(deletedByHand, record -> record.value() == null);
    }

    @Test
    @Order(2)
    void atStartThePolicySaysEachScopesMaximumAgeAndNoSecret() {
        ConsumerRecord<String, byte[]> record = Awaitility.await("the policy on " + Topics.BACKUP_CATALOG)
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> wholeCatalog().stream()
                                .filter(r -> BackupPolicy.KEY.equals(r.key()) && r.value() != null)
                                .reduce((first, second) -> second),
                        Optional::isPresent)
                .orElseThrow();
        BackupPolicy policy = EventJson.fromBytes(record.value(), BackupPolicy.class);

        assertThat(policy.maxAge())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        BackupScope.CONFIGS, Duration.ofHours(12),
                        BackupScope.CERTS, Duration.ofHours(12),
                        BackupScope.REDIS, Duration.ofHours(2)));
        assertThat(policy.scopes()).containsExactly(BackupScope.CONFIGS, BackupScope.CERTS, BackupScope.REDIS);
        assertThat(policy.schedules()).containsEntry("backup", "off").containsKeys("verify", "prune");
        assertThat(policy.retentionMaxAge()).isEqualTo(Duration.ofDays(30));
        assertThat(policy.keepVerified()).isEqualTo(3);
        assertThat(policy.store()).startsWith("s3://" + S3Server.BUCKET + "/").doesNotContain(S3Server.SECRET_KEY);
        assertThat(EventRecords.header(record.headers(), CloudEventHeaders.TYPE))
                .contains(EventType.BACKUP_POLICY.typeName());
        assertThat(signerOf(record)).isEqualTo(TestSigners.BACKUP_SERVICE);
    }

    /** Old failed backups written as backup-service writes them: expired for the next prune. */
    private List<String> plantOldFailures(int count) throws IOException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = BucketLayout.newBackupId(Instant.parse("2020-02-03T04:05:06Z"));
            context.catalog().save(CatalogBeforeStart.oldFailure(id));
            ids.add(id);
        }
        return ids;
    }

    /** Waits (bounded) for a record of {@code key} published from now on that matches, and returns the last. */
    private ConsumerRecord<String, byte[]> awaitCatalog(
            String key, Predicate<ConsumerRecord<String, byte[]>> matching) {
        Predicate<ConsumerRecord<String, byte[]>> wanted = record -> key.equals(record.key()) && matching.test(record);
        Awaitility.await("a catalog record of " + key)
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> catalog.records().stream().anyMatch(wanted));
        return catalog.records().stream()
                .filter(wanted)
                .reduce((first, second) -> second)
                .orElseThrow();
    }

    /** Every record the topic holds, from its beginning, as a reader that starts now sees it. */
    private static List<ConsumerRecord<String, byte[]>> wholeCatalog() {
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        TopicReader.readToEnd(
                Map.of("bootstrap.servers", KafkaBroker.shared().bootstrapServers()),
                Topics.BACKUP_CATALOG,
                Optional.empty(),
                Duration.ofSeconds(30),
                all::add);
        return all;
    }

    private static BackupIndex indexIn(ConsumerRecord<String, byte[]> record) {
        return EventJson.fromBytes(record.value(), BackupIndex.class);
    }

    private static String signerOf(ConsumerRecord<String, byte[]> record) {
        RecordAuthenticator authenticator = TestSigners.authenticatorTrusting(TestSigners.BACKUP_SERVICE);
        return authenticator
                .verify(record.topic(), record.key(), record.headers(), record.value())
                .signer();
    }

    private BackupResult succeeded(BackupCommand command) {
        BackupResult done = BackupCommands.terminalResult(results, command.id(), WAIT);
        assertThat(done.phase()).as(done.reason()).isEqualTo(BackupPhase.SUCCEEDED);
        return done;
    }

    private void send(BackupCommand command) {
        events.publish(new EventEnvelope(
                command.id(), EventType.BACKUP_REQUESTED, "/test", command.kafkaKey(), Instant.now(), command));
    }
}
