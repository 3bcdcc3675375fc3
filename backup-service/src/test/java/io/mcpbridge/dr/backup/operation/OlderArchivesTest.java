package io.mcpbridge.dr.backup.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.backup.archive.Progress;
import io.mcpbridge.dr.backup.crypto.ArchiveKey;
import io.mcpbridge.dr.backup.redis.RedisEndpoint;
import io.mcpbridge.dr.backup.redis.RedisSession;
import io.mcpbridge.dr.backup.store.DirectoryObjectStore;
import io.mcpbridge.dr.backup.support.Contexts;
import io.mcpbridge.dr.backup.support.RedisData;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.backup.RestoreTargets;
import io.mcpbridge.dr.testing.RedisServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives made before backups read Redis as a replica still restore. The fixture in
 * {@code src/test/resources/archives/scan-before-replication} was written by backup-service as it was before (it
 * read Redis key by key, and its manifest has no {@code redisMethod}): 200 sessions and a key of every other type,
 * none expiring before 2100, with what each held ({@code expected.tsv}, values as {@link RedisData} compares them).
 */
class OlderArchivesTest {

    private static final String FIXTURE = "/archives/scan-before-replication/";
    /** The fixture's own key: it protects nothing else. */
    private static final String FIXTURE_KEY = "I+j6PqpxawRF2BPrYKd6uCpTi8BgnvxMMahP7ej87TQ=";

    @TempDir
    Path dir;

    @Test
    void aRedisBackupReadKeyByKeyBeforeReplicationSnapshotsStillRestoresEveryKey() throws Exception {
        Path store = copyFixtureStore();
        String backupId = resource("backup-id").strip();
        Map<String, String> expected = new TreeMap<>();
        resource("expected.tsv").lines().forEach(line -> {
            String[] fields = line.split("\t");
            expected.put(fields[0], fields[1]);
        });
        Vertx vertx = Vertx.vertx();
        try (RedisServer empty = RedisServer.start();
                RedisSession session = RedisSession.open(
                        vertx, RedisEndpoint.parse(empty.uri(), Optional.empty(), "redis"), Duration.ofSeconds(30))) {
            BackupContext context = Contexts.context(
                    new DirectoryObjectStore(store),
                    ArchiveKey.fromBase64(FIXTURE_KEY, "fixture key"),
                    Clock.systemUTC(),
                    vertx,
                    Contexts.noKubernetes(),
                    Contexts.sources(dir, dir, empty.uri(), "mcp-system"));

            Outcome restored = new BackupRestore(context)
                    .restore(
                            backupId,
                            List.of(BackupScope.REDIS),
                            RestoreTargets.ORIGINAL,
                            "an older archive",
                            "test",
                            new Progress());

            assertThat(restored.counts()).containsEntry("redisKeys", (long) expected.size());
            Map<String, RedisData.KeyState> now = RedisData.snapshot(session);
            assertThat(now.keySet()).isEqualTo(expected.keySet());
            expected.forEach(
                    (key, value) -> assertThat(now.get(key).value()).as(key).isEqualTo(value));
            assertThat(now.get("session:far-future").pttl())
                    .as("its moment of expiry kept")
                    .isPositive();
        } finally {
            vertx.close();
        }
    }

    /** The object store as the old service left it, copied: a restore writes a forensic backup beside it. */
    private Path copyFixtureStore() throws IOException {
        Path store = dir.resolve("store");
        for (String name : resource("files").lines().toList()) {
            Path target = store.resolve(name);
            Files.createDirectories(target.getParent());
            try (InputStream in = OlderArchivesTest.class.getResourceAsStream(FIXTURE + "store/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("fixture file missing: " + name);
                }
                Files.copy(in, target);
            }
        }
        return store;
    }

    private static String resource(String name) {
        try (InputStream in = OlderArchivesTest.class.getResourceAsStream(FIXTURE + name)) {
            if (in == null) {
                throw new IllegalStateException("fixture file missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
