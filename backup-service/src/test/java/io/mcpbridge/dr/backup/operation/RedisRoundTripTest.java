package io.mcpbridge.dr.backup.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.dr.backup.archive.ArchiveReader;
import io.mcpbridge.dr.backup.archive.Manifest;
import io.mcpbridge.dr.backup.archive.Progress;
import io.mcpbridge.dr.backup.redis.RedisEndpoint;
import io.mcpbridge.dr.backup.redis.RedisSession;
import io.mcpbridge.dr.backup.redis.SnapshotMethod;
import io.mcpbridge.dr.backup.store.S3ObjectStore;
import io.mcpbridge.dr.backup.support.Contexts;
import io.mcpbridge.dr.backup.support.RedisData;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.backup.RestoreTargets;
import io.mcpbridge.dr.testing.MutableClock;
import io.mcpbridge.dr.testing.RedisServer;
import io.mcpbridge.dr.testing.S3Server;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100,000 sessions plus a key of every other type go through a real S3 server and come back identical,
 * with their TTLs, after the Redis was flushed.
 */
class RedisRoundTripTest {

    private static final int SESSIONS = 100_000;

    private static S3Server s3;
    private static RedisServer redis;
    private static Vertx vertx;
    private static RedisSession session;
    private static S3ObjectStore store;

    @TempDir
    Path files;

    @BeforeAll
    static void startPeers() throws Exception {
        s3 = S3Server.start();
        redis = RedisServer.start();
        vertx = Vertx.vertx();
        session = RedisSession.open(vertx, endpoint(redis), Duration.ofSeconds(30));
        store = Contexts.s3Store(s3);
        RedisData.loadSessions(session, SESSIONS, 7);
        RedisData.loadOtherTypes(session);
    }

    @AfterAll
    static void stopPeers() {
        session.close();
        store.close();
        vertx.close();
        redis.close();
        s3.close();
    }

    @Test
    void everyKeyComesBackWithItsValueAndTtlAfterAFlush() throws Exception {
        BackupContext context = Contexts.context(
                store,
                Contexts.randomKey(),
                Clock.systemUTC(),
                vertx,
                Contexts.noKubernetes(),
                Contexts.sources(files.resolve("configs"), files.resolve("certs"), redis.uri(), "mcp-system"));
        long beforeAt = System.currentTimeMillis();
        Map<String, RedisData.KeyState> before = withoutRateLimits(RedisData.snapshot(session));
        assertThat(before.size()).isEqualTo(SESSIONS + 6);

        Outcome backup = new BackupTaker(context)
                .take(
                        new BackupRequest(
                                List.of(BackupScope.REDIS),
                                context.sources(),
                                BackupIndex.Purpose.MANUAL,
                                false,
                                "round trip",
                                "test"),
                        new Progress());
        assertThat(backup.counts())
                .containsEntry("redisKeys", (long) before.size())
                .containsEntry("redisKeysSkipped", 1L);
        assertThat(manifest(context, backup).redisMethod())
                .as("read as a replica: one point in time")
                .isEqualTo("replication");

        session.call(Request.cmd(Command.FLUSHALL));
        assertThat(session.call(Request.cmd(Command.DBSIZE)).toLong()).isZero();

        Outcome restore = new BackupRestore(context)
                .restore(
                        backup.backupId(),
                        List.of(BackupScope.REDIS),
                        RestoreTargets.ORIGINAL,
                        "round trip",
                        "test",
                        new Progress());

        assertThat(restore.counts()).containsEntry("redisKeys", (long) before.size());
        long afterAt = System.currentTimeMillis();
        Map<String, RedisData.KeyState> after = RedisData.snapshot(session);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((key, state) -> {
            RedisData.KeyState restored = after.get(key);
            assertThat(restored.value()).as("value of %s", key).isEqualTo(state.value());
            if (state.pttl() < 0) {
                assertThat(restored.pttl()).as("ttl of %s", key).isEqualTo(-1);
            } else {
                // The same moment of expiry, within 2 s: the TTL counts down in real time meanwhile.
                assertThat(afterAt + restored.pttl())
                        .as("expiry of %s", key)
                        .isCloseTo(beforeAt + state.pttl(), Offset.offset(2000L));
            }
        });
        BackupIndex forensic =
                context.catalog().find(restore.forensicBackupId()).orElseThrow();
        assertThat(forensic.purpose()).isEqualTo(BackupIndex.Purpose.FORENSIC);
        assertThat(forensic.counts()).containsEntry("redisKeys", 0L); // the flushed Redis, as it was overwritten
    }

    @Test
    void aServerThatRefusesReplicationIsReadKeyByKeyAndTheManifestSaysSoUnlessReplicationIsRequired() throws Exception {
        try (RedisServer refusing = RedisServer.start(List.of("--rename-command", "SYNC", ""));
                RedisSession refusingSession = RedisSession.open(vertx, endpoint(refusing), Duration.ofSeconds(30))) {
            RedisData.loadSessions(refusingSession, 1000, 3);
            BackupContext context = contextOn(refusing.uri(), Clock.systemUTC());

            Outcome backup = new BackupTaker(context).take(redisOnly(context, "managed"), new Progress());

            assertThat(backup.counts()).containsEntry("redisKeys", 1000L);
            assertThat(manifest(context, backup).redisMethod()).isEqualTo("scan");
            assertThat(backup.note()).as("the operator is told").contains("not one point in time");

            BackupContext requiring = context.withTuning(Contexts.tuning(Optional.of(SnapshotMethod.REPLICATION)));
            assertThatThrownBy(() -> new BackupTaker(requiring).take(redisOnly(requiring, "required"), new Progress()))
                    .hasMessageContaining("SYNC refused");
        }
    }

    private BackupContext contextOn(String redisUri, Clock clock) {
        return Contexts.context(
                store,
                Contexts.randomKey(),
                clock,
                vertx,
                Contexts.noKubernetes(),
                Contexts.sources(files, files, redisUri, "mcp-system"));
    }

    private static BackupRequest redisOnly(BackupContext context, String reason) {
        return new BackupRequest(
                List.of(BackupScope.REDIS), context.sources(), BackupIndex.Purpose.MANUAL, false, reason, "test");
    }

    private static Manifest manifest(BackupContext context, Outcome backup) throws Exception {
        try (InputStream in = context.store().open(context.layout().archiveKey(backup.backupId()))) {
            return ArchiveReader.read(in, context.cipher(), backup.backupId(), new Progress(), (n, m, c) -> {})
                    .manifest();
        }
    }

    @Test
    void verificationTestRestoresIntoAScratchRedisAndRecordsTheVerdict() throws Exception {
        BackupContext context = contextOn(redis.uri(), Clock.systemUTC());
        Outcome backup = new BackupTaker(context)
                .take(
                        new BackupRequest(
                                List.of(BackupScope.REDIS),
                                context.sources(),
                                BackupIndex.Purpose.SCHEDULED,
                                false,
                                "scheduled",
                                "schedule"),
                        new Progress());

        Outcome verified = new BackupVerifier(context).verify("latest", new Progress());

        assertThat(verified.backupId()).isEqualTo(backup.backupId());
        assertThat(verified.counts())
                .containsEntry("redisKeys", backup.counts().get("redisKeys"))
                .containsEntry("valuesCompared", 100L);
        assertThat(verified.counts().get("redisKeysRestored")
                        + verified.counts().get("redisKeysExpired"))
                .isEqualTo(backup.counts().get("redisKeys"));
        BackupIndex index = context.catalog().find(backup.backupId()).orElseThrow();
        assertThat(index.verified()).isTrue();
        assertThat(index.verifiedGood()).isTrue();
    }

    @Test
    void restoreIntoAnotherRedisLeavesTheSourceAlone() throws Exception {
        BackupContext context = contextOn(redis.uri(), Clock.systemUTC());
        Outcome backup = new BackupTaker(context)
                .take(
                        new BackupRequest(
                                List.of(BackupScope.REDIS),
                                context.sources(),
                                BackupIndex.Purpose.MANUAL,
                                false,
                                "copy",
                                "test"),
                        new Progress());
        long sourceKeys = session.call(Request.cmd(Command.DBSIZE)).toLong();
        long backedUp = backup.counts().get("redisKeys");

        try (RedisServer other = RedisServer.start();
                RedisSession otherSession = RedisSession.open(vertx, endpoint(other), Duration.ofSeconds(30))) {
            BackupContext withOther =
                    context.withDestinations(context.destinations().withRedis("other", endpoint(other)));
            new BackupRestore(withOther)
                    .restore(
                            backup.backupId(),
                            List.of(),
                            new RestoreTargets("other", null, null),
                            "copy",
                            "test",
                            new Progress());

            assertThat(otherSession.call(Request.cmd(Command.DBSIZE)).toLong()).isEqualTo(backedUp);
            assertThat(session.call(Request.cmd(Command.DBSIZE)).toLong()).isEqualTo(sourceKeys);
        }
    }

    @Test
    void keysWhoseTimeHasPassedAreNotRestored() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        BackupContext context = contextOn(redis.uri(), clock);
        Outcome backup = new BackupTaker(context)
                .take(
                        new BackupRequest(
                                List.of(BackupScope.REDIS),
                                context.sources(),
                                BackupIndex.Purpose.MANUAL,
                                false,
                                "old backup",
                                "test"),
                        new Progress());
        clock.advance(Duration.ofDays(2)); // every session (TTL at most 24 h) has expired since

        try (RedisServer other = RedisServer.start();
                RedisSession otherSession = RedisSession.open(vertx, endpoint(other), Duration.ofSeconds(30))) {
            BackupContext withOther =
                    context.withDestinations(context.destinations().withRedis("other", endpoint(other)));
            Outcome restore = new BackupRestore(withOther)
                    .restore(
                            backup.backupId(),
                            List.of(),
                            new RestoreTargets("other", null, null),
                            "late restore",
                            "test",
                            new Progress());

            long withoutTtl = 5; // user:42, tenants, leaderboard, events, binary key; audit:queue had a TTL
            assertThat(restore.counts())
                    .containsEntry("redisKeys", withoutTtl)
                    .containsEntry("redisKeysExpired", backup.counts().get("redisKeys") - withoutTtl);
            assertThat(otherSession.call(Request.cmd(Command.DBSIZE)).toLong()).isEqualTo(withoutTtl);
            assertThat(otherSession
                            .call(Request.cmd(Command.EXISTS).arg("user:42"))
                            .toLong())
                    .isOne();
        }
    }

    private static Map<String, RedisData.KeyState> withoutRateLimits(Map<String, RedisData.KeyState> keys) {
        Map<String, RedisData.KeyState> kept = new TreeMap<>(keys);
        kept.keySet().removeIf(key -> key.startsWith("ratelimit:"));
        return kept;
    }

    static RedisEndpoint endpoint(RedisServer server) {
        return RedisEndpoint.parse(server.uri(), Optional.empty(), "test redis");
    }
}
