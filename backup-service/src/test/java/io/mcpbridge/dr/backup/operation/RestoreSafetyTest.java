package io.mcpbridge.dr.backup.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.dr.backup.archive.Progress;
import io.mcpbridge.dr.backup.crypto.ArchiveKey;
import io.mcpbridge.dr.backup.redis.RedisEndpoint;
import io.mcpbridge.dr.backup.redis.RedisSession;
import io.mcpbridge.dr.backup.store.DirectoryObjectStore;
import io.mcpbridge.dr.backup.store.ObjectStore;
import io.mcpbridge.dr.backup.support.Contexts;
import io.mcpbridge.dr.backup.support.RedisData;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.backup.RestoreTargets;
import io.mcpbridge.dr.testing.CuttingProxy;
import io.mcpbridge.dr.testing.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore recovers the right thing and nothing else: the newest backup from before the trouble (never a
 * forensic copy, never one taken after detection), keys the backup did not hold removed, only bytes it has
 * proven applied, and a target that drops part-way leaves a PARTIAL restore that running again completes.
 */
class RestoreSafetyTest {

    private static final int SESSIONS = 20_000;

    private static Vertx vertx;
    private RedisServer redis;
    private RedisSession session;

    @TempDir
    Path dir;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close();
    }

    @BeforeEach
    void startRedis() throws IOException {
        redis = RedisServer.start();
        session = RedisSession.open(vertx, endpoint(redis.port()), Duration.ofSeconds(30));
        RedisData.loadSessions(session, SESSIONS, 11);
        session.call(Request.cmd(Command.SET).arg("ratelimit:alice").arg("17"));
    }

    @AfterEach
    void stopRedis() {
        session.close();
        redis.close();
    }

    private BackupContext context(ObjectStore store, int redisPort) {
        return Contexts.context(
                store,
                KEY,
                Clock.systemUTC(),
                vertx,
                Contexts.noKubernetes(),
                Contexts.sources(
                        dir.resolve("configs"), dir.resolve("certs"), "redis://127.0.0.1:" + redisPort, "mcp-system"));
    }

    private static final ArchiveKey KEY = Contexts.randomKey();

    private Outcome backup(BackupContext context, BackupIndex.Purpose purpose) throws IOException {
        return new BackupTaker(context)
                .take(
                        new BackupRequest(
                                List.of(BackupScope.REDIS),
                                context.sources(),
                                purpose,
                                false,
                                purpose.name().toLowerCase(),
                                "test"),
                        new Progress());
    }

    @Test
    void dataCorruptionIsRecoveredFromTheBackupBeforeDetectionWithTheCorruptedKeysGone() throws Exception {
        BackupContext context = context(new DirectoryObjectStore(dir.resolve("store")), redis.port());
        String sample = firstSession();
        String good = get(sample);
        Outcome beforeTrouble = backup(context, BackupIndex.Purpose.SCHEDULED);
        // The corruption: a value overwritten, and keys the backup never held.
        set(sample, "{\"corrupted\":true}");
        set("session:intruder", "{\"user\":\"mallory\"}");
        Instant detected = Instant.now();
        Outcome takenAfter = backup(context, BackupIndex.Purpose.MANUAL); // holds the corruption
        Outcome forensic = backup(context, BackupIndex.Purpose.FORENSIC);

        Outcome restore = new BackupRestore(context)
                .restore(
                        "latest",
                        detected,
                        List.of(BackupScope.REDIS),
                        RestoreTargets.ORIGINAL,
                        "data corruption",
                        "test",
                        new Progress());

        assertThat(restore.backupId())
                .isEqualTo(beforeTrouble.backupId())
                .isNotEqualTo(takenAfter.backupId())
                .isNotEqualTo(forensic.backupId());
        assertThat(get(sample)).isEqualTo(good);
        assertThat(get("session:intruder")).isNull();
        assertThat(get("ratelimit:alice"))
                .as("never backed up, so never removed")
                .isEqualTo("17");
        assertThat(restore.counts()).containsEntry("redisKeysRemoved", 1L);
        // The forensic copies hold the corrupted state, for whoever investigates.
        try (RedisServer other = RedisServer.start();
                RedisSession otherSession = RedisSession.open(vertx, endpoint(other.port()), Duration.ofSeconds(30))) {
            BackupContext investigate =
                    context.withDestinations(context.destinations().withRedis("investigation", endpoint(other.port())));
            new BackupRestore(investigate)
                    .restore(
                            forensic.backupId(),
                            List.of(BackupScope.REDIS),
                            new RestoreTargets("investigation", null, null),
                            "investigation",
                            "test",
                            new Progress());
            assertThat(value(otherSession, sample)).isEqualTo("{\"corrupted\":true}");
            assertThat(value(otherSession, "session:intruder")).isEqualTo("{\"user\":\"mallory\"}");
        }
    }

    @Test
    void latestIsNeverAForensicCopyAndPrefersAVerifiedBackup() throws Exception {
        BackupContext context = context(new DirectoryObjectStore(dir.resolve("store")), redis.port());
        Outcome verified = backup(context, BackupIndex.Purpose.SCHEDULED);
        new BackupVerifier(context).verify(verified.backupId(), new Progress());
        Outcome unverified = backup(context, BackupIndex.Purpose.SCHEDULED);
        backup(context, BackupIndex.Purpose.FORENSIC);

        assertThat(context.catalog()
                        .resolve("latest", List.of(BackupScope.REDIS), Instant.now())
                        .id())
                .isEqualTo(verified.backupId());
        assertThat(context.catalog()
                        .resolve("latest", List.of(BackupScope.REDIS))
                        .id())
                .as("without a time bound too")
                .isEqualTo(verified.backupId())
                .isNotEqualTo(unverified.backupId());
    }

    @Test
    void aRestoreAppliesTheBytesItProvedEvenIfTheStoredObjectIsReplacedMeanwhile() throws Exception {
        AtomicInteger archiveReads = new AtomicInteger();
        ObjectStore swapping = new SwappingStore(new DirectoryObjectStore(dir.resolve("store")), archiveReads);
        BackupContext context = context(swapping, redis.port());
        String sample = firstSession();
        String good = get(sample);
        Outcome backup = backup(context, BackupIndex.Purpose.SCHEDULED);
        session.call(Request.cmd(Command.FLUSHALL));

        Outcome restore = new BackupRestore(context)
                .restore(
                        backup.backupId(),
                        List.of(BackupScope.REDIS),
                        RestoreTargets.ORIGINAL,
                        "test",
                        "test",
                        new Progress());

        assertThat(archiveReads).as("one read of the stored archive").hasValue(1);
        assertThat(restore.counts()).containsEntry("redisKeys", (long) SESSIONS);
        assertThat(get(sample)).isEqualTo(good);
    }

    @Test
    void aConnectionDroppedPartWayLeavesAPartialRestoreThatRunningAgainCompletes() throws Exception {
        try (CuttingProxy proxy = CuttingProxy.to(redis.port())) {
            BackupContext context = context(new DirectoryObjectStore(dir.resolve("store")), proxy.port());
            Outcome backup = backup(context, BackupIndex.Purpose.SCHEDULED);
            session.call(Request.cmd(Command.FLUSHALL));
            // The restore's forensic copy reads through its own connection; the second one writes the keys.
            proxy.cut(2, 3 * 1024 * 1024);

            PartialRestoreException partial =
                    (PartialRestoreException) Assertions.catchThrowable(() -> new BackupRestore(context)
                            .restore(
                                    backup.backupId(),
                                    List.of(BackupScope.REDIS),
                                    RestoreTargets.ORIGINAL,
                                    "test",
                                    "test",
                                    new Progress()));
            assertThat(partial).isNotNull();
            assertThat(partial.getMessage()).contains("broke off after").contains("Run the same restore again");
            long written = partial.counts().get("redisKeys");
            assertThat(written).isPositive().isLessThan(SESSIONS);
            assertThat(dbSize()).isGreaterThan(0).isLessThan(SESSIONS);

            Outcome again = new BackupRestore(context)
                    .restore(
                            backup.backupId(),
                            List.of(BackupScope.REDIS),
                            RestoreTargets.ORIGINAL,
                            "test",
                            "test",
                            new Progress());

            assertThat(again.counts()).containsEntry("redisKeys", (long) SESSIONS);
            assertThat(dbSize()).isEqualTo(SESSIONS);
        }
    }

    @Test
    void aTargetThatIsNotConfiguredIsRefusedBeforeAnythingIsRead() throws Exception {
        BackupContext context = context(new DirectoryObjectStore(dir.resolve("store")), redis.port());
        Outcome backup = backup(context, BackupIndex.Purpose.SCHEDULED);

        assertThatThrownBy(() -> new BackupRestore(context)
                        .restore(
                                backup.backupId(),
                                List.of(BackupScope.REDIS),
                                new RestoreTargets("10.9.9.9:6379", null, null),
                                "test",
                                "test",
                                new Progress()))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("never an address");
    }

    private String firstSession() throws IOException {
        Response scan = session.call(Request.cmd(Command.SCAN)
                .arg("0")
                .arg("MATCH")
                .arg("session:*")
                .arg("COUNT")
                .arg(100));
        return scan.get(1).get(0).toString();
    }

    private String get(String key) throws IOException {
        return value(session, key);
    }

    private static String value(RedisSession on, String key) throws IOException {
        Response value = on.call(Request.cmd(Command.GET).arg(key));
        return value == null ? null : value.toString();
    }

    private void set(String key, String value) throws IOException {
        session.call(Request.cmd(Command.SET).arg(key).arg(value));
    }

    private long dbSize() throws IOException {
        return session.call(Request.cmd(Command.DBSIZE)).toLong();
    }

    private static RedisEndpoint endpoint(int port) {
        return RedisEndpoint.parse("redis://127.0.0.1:" + port, Optional.empty(), "test redis");
    }

    /** A store whose archives are replaced by other bytes after their first read. */
    private record SwappingStore(ObjectStore delegate, AtomicInteger archiveReads) implements ObjectStore {

        @Override
        public InputStream open(String key) throws IOException {
            if (key.endsWith(".tar.zst.enc")) {
                if (archiveReads.incrementAndGet() > 1) {
                    return new ByteArrayInputStream(new byte[] {1, 2, 3});
                }
            }
            return delegate.open(key);
        }

        @Override
        public Upload upload(String key) throws IOException {
            return delegate.upload(key);
        }

        @Override
        public boolean create(String key, byte[] content) throws IOException {
            return delegate.create(key, content);
        }

        @Override
        public Optional<byte[]> get(String key) throws IOException {
            return delegate.get(key);
        }

        @Override
        public List<String> list(String prefix) throws IOException {
            return delegate.list(prefix);
        }

        @Override
        public void delete(Collection<String> keys) throws IOException {
            delegate.delete(keys);
        }

        @Override
        public String describe() {
            return delegate.describe();
        }
    }
}
