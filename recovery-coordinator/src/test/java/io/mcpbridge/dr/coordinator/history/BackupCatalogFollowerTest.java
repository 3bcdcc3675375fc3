package io.mcpbridge.dr.coordinator.history;

import static io.mcpbridge.dr.coordinator.support.BackupIndexBuilder.backup;
import static io.mcpbridge.dr.coordinator.support.CatalogRecords.cataloged;
import static io.mcpbridge.dr.coordinator.support.CatalogRecords.tombstone;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.coordinator.incident.RecoveryPoints;
import io.mcpbridge.dr.coordinator.support.BackupIndexBuilder;
import io.mcpbridge.dr.coordinator.support.DownIncidents;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupPolicy;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.trust.RecordAuthenticator;
import io.mcpbridge.dr.events.trust.RecordSigner;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.TestEvents;
import io.mcpbridge.dr.testing.TestSigners;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The recovery points a coordinator learns from backup-service's catalog on a real broker: what the topic holds
 * from its beginning, what a tombstone takes away, and whose records are believed. Each test has a broker of its
 * own, since the catalog is the whole topic, and puts its records on one partition, so that a record read means
 * every record before it was read.
 */
class BackupCatalogFollowerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int PARTITION = 0;
    private static final RecordSigner BACKUP_SERVICE = TestSigners.signer(TestSigners.BACKUP_SERVICE);
    /** Trusted for commands, like every engineer: not for the catalog. */
    private static final RecordSigner ENGINEER = TestSigners.signer(TestSigners.ENGINEER);
    /** Trusted for nothing. */
    private static final RecordSigner STRANGER = TestSigners.signer(TestSigners.STRANGER);

    private final Instant now = Instant.now();
    private final RecoveryPoints points = new RecoveryPoints();
    private final AtomicInteger refused = new AtomicInteger();
    private KafkaBroker broker;
    private TestEvents events;
    private BackupCatalogFollower follower;

    @BeforeEach
    void broker() {
        broker = KafkaBroker.startDedicated();
        broker.createSystemTopics(3);
        events = new TestEvents(broker.bootstrapServers());
    }

    @AfterEach
    void stop() {
        if (follower != null) {
            follower.close();
        }
        events.close();
        broker.close();
    }

    @Test
    void aBackupKeptLongerThanItsResultsIsTheRecoveryPointOfAnIncidentAfterAStart() {
        // Cataloged when it was taken, 20 days ago: its results expired after 7, past any results lookback.
        Instant taken = now.minus(Duration.ofDays(20));
        publish(BACKUP_SERVICE, backup("bk-20-days").startedAt(taken), taken);

        follow();

        awaitNewest("bk-20-days");
        Incident stamped = points.stamp(incident("redis", now));
        assertThat(stamped.lastBackupId()).isEqualTo("bk-20-days");
        assertThat(stamped.rpo()).isEqualTo(Duration.ofDays(20));
        assertThat(refused).hasValue(0);
    }

    @Test
    void backupServicesPolicyGivesEachScopesMaximumAgeAndNobodyElsesDoes() {
        follow();
        events.publishSignedBy(ENGINEER, policy(Duration.ofMinutes(1)));
        events.publishSignedBy(BACKUP_SERVICE, policy(Duration.ofHours(2)));

        Awaitility.await("the policy read")
                .atMost(WAIT)
                .until(() -> points.maxAge(BackupScope.REDIS), Optional.of(Duration.ofHours(2))::equals);
        assertThat(refused.get()).as("the engineer's policy").isEqualTo(1);
        assertThat(points.maxAge(BackupScope.KUBERNETES)).isEmpty();
    }

    private EventEnvelope policy(Duration redisMaxAge) {
        BackupPolicy policy = new BackupPolicy(
                Map.of(BackupScope.REDIS, redisMaxAge, BackupScope.CONFIGS, Duration.ofHours(12)),
                List.of(BackupScope.REDIS, BackupScope.CONFIGS),
                Map.of("backup", "0 0 */6 * * ?"),
                Duration.ofDays(30),
                3,
                "s3://backups/",
                now);
        return new EventEnvelope(
                "policy-" + redisMaxAge, EventType.BACKUP_POLICY, "/test", BackupPolicy.KEY, now, policy);
    }

    @Test
    void aPrunedBackupIsNoLongerARecoveryPoint() {
        follow();
        publish(BACKUP_SERVICE, backup("bk-older").startedAt(now.minus(Duration.ofDays(2))), now);
        publish(BACKUP_SERVICE, backup("bk-newer").startedAt(now.minus(Duration.ofHours(1))), now);
        awaitNewest("bk-newer");

        events.send(tombstone(BACKUP_SERVICE, "bk-newer", PARTITION, now));

        awaitNewest("bk-older");
        assertThat(points.stamp(incident("gateway", now)).rpo()).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void aCatalogRecordOrTombstoneNotSignedByBackupServiceIsNotBelieved() {
        follow();
        publish(BACKUP_SERVICE, backup("bk-real").startedAt(now.minus(Duration.ofHours(6))), now);
        publish(ENGINEER, backup("bk-faked-by-an-engineer").startedAt(now.minus(Duration.ofMinutes(5))), now);
        publish(STRANGER, backup("bk-faked-by-a-stranger").startedAt(now.minus(Duration.ofMinutes(4))), now);
        events.send(tombstone(ENGINEER, "bk-real", PARTITION, now));
        events.send(tombstone(STRANGER, "bk-real", PARTITION, now));

        Awaitility.await("every forged record read and refused")
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(refused).hasValue(4));
        Incident stamped = points.stamp(incident("redis", now));
        assertThat(stamped.lastBackupId()).isEqualTo("bk-real");
        assertThat(stamped.rpo()).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void forensicCopiesFailedBackupsAndBackupsFoundBadAreNotRecoveryPoints() {
        follow();
        publish(
                BACKUP_SERVICE,
                backup("bk-good").startedAt(now.minus(Duration.ofHours(6))).verified(true),
                now);
        publish(
                BACKUP_SERVICE,
                backup("bk-forensic").startedAt(now.minus(Duration.ofHours(5))).purpose(BackupIndex.Purpose.FORENSIC),
                now);
        publish(
                BACKUP_SERVICE,
                backup("bk-failed").startedAt(now.minus(Duration.ofHours(4))).failed(),
                now);
        publish(
                BACKUP_SERVICE,
                backup("bk-bad").startedAt(now.minus(Duration.ofHours(3))).verified(false),
                now);
        BackupIndexBuilder foundBadLater = backup("bk-found-bad-later").startedAt(now.minus(Duration.ofHours(2)));
        publish(BACKUP_SERVICE, foundBadLater, now);
        awaitNewest("bk-found-bad-later");

        publish(BACKUP_SERVICE, foundBadLater.verified(false), now);

        awaitNewest("bk-good");
        Incident stamped = points.stamp(incident("redis", now));
        assertThat(stamped.lastBackupId()).isEqualTo("bk-good");
        assertThat(stamped.rpo()).isEqualTo(Duration.ofHours(6));
    }

    private void follow() {
        RecordAuthenticator authenticator =
                TestSigners.authenticatorTrusting(TestSigners.BACKUP_SERVICE, TestSigners.ENGINEER);
        follower = BackupCatalogFollower.start(
                Map.of("bootstrap.servers", broker.bootstrapServers()),
                new Believed(authenticator, TestSigners.BACKUP_SERVICE, refused::incrementAndGet),
                points::record,
                points::forget,
                points::policy);
    }

    private void publish(RecordSigner signer, BackupIndexBuilder backup, Instant at) {
        events.send(cataloged(signer, backup.build(), PARTITION, at));
    }

    /** Waits for the newest recovery point of the session store to be {@code backupId}. */
    private void awaitNewest(String backupId) {
        Awaitility.await("the newest recovery point is " + backupId)
                .atMost(WAIT)
                .until(
                        () -> points.latest(BackupScope.REDIS).map(RecoveryPoints.Point::backupId),
                        Optional.of(backupId)::equals);
    }

    private static Incident incident(String component, Instant detectedAt) {
        return DownIncidents.of(component, detectedAt);
    }
}
