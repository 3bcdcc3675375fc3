package io.mcpbridge.dr.backup.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.dr.backup.archive.ArchiveIntegrityException;
import io.mcpbridge.dr.backup.archive.Progress;
import io.mcpbridge.dr.backup.redis.RedisSession;
import io.mcpbridge.dr.backup.store.BucketLayout;
import io.mcpbridge.dr.backup.store.S3ObjectStore;
import io.mcpbridge.dr.backup.support.Contexts;
import io.mcpbridge.dr.backup.support.RedisData;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.backup.RestoreTargets;
import io.mcpbridge.dr.testing.RedisServer;
import io.mcpbridge.dr.testing.S3Server;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A stored archive altered by one byte, or read with the wrong key, is refused with a clear error before
 * anything is touched: the Redis and the config tree stay exactly as they were, and no forensic backup is
 * even taken.
 */
class TamperingTest {

    private static S3Server s3;
    private static RedisServer redis;
    private static Vertx vertx;
    private static RedisSession session;
    private static S3ObjectStore store;
    private static S3Client client;

    @TempDir
    Path files;

    private BackupContext context;
    private Outcome backup;

    @BeforeAll
    static void startPeers() throws Exception {
        s3 = S3Server.start();
        redis = RedisServer.start();
        vertx = Vertx.vertx();
        session = RedisSession.open(vertx, RedisRoundTripTest.endpoint(redis), Duration.ofSeconds(30));
        store = Contexts.s3Store(s3);
        client = Contexts.s3Client(s3);
        RedisData.loadSessions(session, 20_000, 11);
        RedisData.loadOtherTypes(session);
    }

    @AfterAll
    static void stopPeers() {
        session.close();
        store.close();
        client.close();
        vertx.close();
        redis.close();
        s3.close();
    }

    @BeforeEach
    void backUp() throws Exception {
        Files.createDirectories(files.resolve("configs"));
        Files.writeString(files.resolve("configs/gateway.yaml"), "listen: 8443\n");
        context = Contexts.context(
                store,
                Contexts.randomKey(),
                Clock.systemUTC(),
                vertx,
                Contexts.noKubernetes(),
                Contexts.sources(files.resolve("configs"), files.resolve("certs"), redis.uri(), "mcp-system"));
        backup = new BackupTaker(context)
                .take(
                        new BackupRequest(
                                List.of(BackupScope.CONFIGS, BackupScope.REDIS),
                                context.sources(),
                                BackupIndex.Purpose.MANUAL,
                                false,
                                "before tampering",
                                "test"),
                        new Progress());
        // The live data moves on after the backup; a refused restore must leave it so.
        session.call(
                Request.cmd(Command.SET).arg("session:changed-after-backup").arg("{}"));
        Files.writeString(files.resolve("configs/gateway.yaml"), "listen: 9443\n");
    }

    @Test
    void oneFlippedByteFailsVerifyAndRestoreAndTouchesNothing() throws Exception {
        String key = new BucketLayout("").archiveKey(backup.backupId());
        byte[] stored =
                client.getObjectAsBytes(r -> r.bucket(S3Server.BUCKET).key(key)).asByteArray();
        stored[stored.length / 2] ^= 0x20;
        client.putObject(r -> r.bucket(S3Server.BUCKET).key(key), RequestBody.fromBytes(stored));
        Map<String, RedisData.KeyState> redisBefore = RedisData.snapshot(session);

        assertThatThrownBy(() -> new BackupRestore(context)
                        .restore(backup.backupId(), List.of(), RestoreTargets.ORIGINAL, "test", "test", new Progress()))
                .isInstanceOf(ArchiveIntegrityException.class)
                .hasMessageContaining(backup.backupId())
                .hasMessageContaining("failed authentication");

        assertThat(RedisData.snapshot(session).keySet()).isEqualTo(redisBefore.keySet());
        assertThat(session.call(Request.cmd(Command.EXISTS).arg("session:changed-after-backup"))
                        .toLong())
                .isOne();
        assertThat(Files.readString(files.resolve("configs/gateway.yaml"))).isEqualTo("listen: 9443\n");
        assertThat(context.catalog().all())
                .extracting(BackupIndex::purpose)
                .doesNotContain(BackupIndex.Purpose.FORENSIC);

        assertThatThrownBy(() -> new BackupVerifier(context).verify(backup.backupId(), new Progress()))
                .isInstanceOf(ArchiveIntegrityException.class)
                .hasMessageContaining("failed authentication");
        BackupIndex index = context.catalog().find(backup.backupId()).orElseThrow();
        assertThat(index.verified()).isFalse();
        assertThat(index.usable()).isFalse();
        assertThatThrownBy(() -> context.catalog().resolve("latest", List.of()))
                .as("a backup known to be bad is never 'latest'")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWrongKeyIsAClearErrorAndTouchesNothing() throws Exception {
        BackupContext otherKey = Contexts.context(
                store, Contexts.randomKey(), Clock.systemUTC(), vertx, Contexts.noKubernetes(), context.sources());
        long keysBefore = session.call(Request.cmd(Command.DBSIZE)).toLong();

        assertThatThrownBy(() -> new BackupRestore(otherKey)
                        .restore(backup.backupId(), List.of(), RestoreTargets.ORIGINAL, "test", "test", new Progress()))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining(
                        "was encrypted with key " + context.cipher().keyId())
                .hasMessageContaining(
                        "this service holds key " + otherKey.cipher().keyId());
        assertThatThrownBy(() -> new BackupVerifier(otherKey).verify(backup.backupId(), new Progress()))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("was encrypted with key");

        assertThat(session.call(Request.cmd(Command.DBSIZE)).toLong()).isEqualTo(keysBefore);
        assertThat(Files.readString(files.resolve("configs/gateway.yaml"))).isEqualTo("listen: 9443\n");
        BackupIndex index = context.catalog().find(backup.backupId()).orElseThrow();
        assertThat(index.verified())
                .as("a key problem says nothing about the backup")
                .isNull();
    }
}
