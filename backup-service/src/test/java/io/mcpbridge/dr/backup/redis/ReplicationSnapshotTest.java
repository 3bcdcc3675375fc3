package io.mcpbridge.dr.backup.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.dr.testing.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The snapshot read as a replica is one point in time, against a real redis-server (the machine's, RDB version 10):
 * keys written, deleted and added while it streams are all as they were when it began, never a mix; the key-by-key
 * read, paused the same way, is a mix. A server that refuses SYNC is told apart from a failure.
 */
class ReplicationSnapshotTest {

    private static final int KEYS = 20_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static RedisServer redis;
    private static Vertx vertx;
    private static RedisSession session;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start();
        vertx = Vertx.vertx();
        session = RedisSession.open(vertx, endpoint(redis), TIMEOUT);
    }

    @AfterAll
    static void stop() {
        session.close();
        vertx.close();
        redis.close();
    }

    @Test
    void keysChangedWhileTheSnapshotStreamsAreAllAsTheyWereWhenItBegan() throws Exception {
        Map<String, byte[]> before = load("pit");

        Map<String, byte[]> read = readPausedAtTheFirstChunk(
                new ReplicationSnapshot(endpoint(redis), new KeyPatterns(List.of("mix:*")), TIMEOUT, Clock.systemUTC()),
                () -> changeEverything("pit"));

        assertThat(read.keySet())
                .as("the keys of that moment: none added, none lost")
                .isEqualTo(before.keySet());
        read.forEach((key, dump) -> assertThat(dump).as(key).isEqualTo(before.get(key)));
    }

    @Test
    void theKeyByKeyReadPausedTheSameWayIsAMixOfBeforeAndAfter() throws Exception {
        Map<String, byte[]> before = load("mix");

        try (RedisSession scanning = RedisSession.open(vertx, endpoint(redis), TIMEOUT)) {
            Map<String, byte[]> read = readPausedAtTheFirstChunk(
                    new ScanSnapshot(scanning, new KeyPatterns(List.of("pit:*")), 1000, Clock.systemUTC()),
                    () -> changeEverything("mix"));

            long unchanged = read.entrySet().stream()
                    .filter(e -> before.containsKey(e.getKey()))
                    .filter(e -> Arrays.equals(e.getValue(), before.get(e.getKey())))
                    .count();
            assertThat(unchanged).as("read before the change").isPositive();
            assertThat(unchanged).as("but not all: read after it").isLessThan(before.size());
        }
    }

    @Test
    void aServerThatRefusesSyncIsToldApartFromAFailure() {
        try (RedisServer refusing = RedisServer.start(List.of("--rename-command", "SYNC", ""))) {
            ReplicationSnapshot snapshot =
                    new ReplicationSnapshot(endpoint(refusing), new KeyPatterns(List.of()), TIMEOUT, Clock.systemUTC());

            assertThatThrownBy(() -> snapshot.stream(64 * 1024, chunk -> {}))
                    .isInstanceOf(ReplicationRefusedException.class)
                    .hasMessageContaining("SYNC refused");
        }
    }

    @Test
    void anRdbCutShortOrDamagedFailsRatherThanLookComplete() throws Exception {
        byte[] rdb = new byte[] {'R', 'E', 'D', 'I', 'S', '0', '0', '1', '0', (byte) 0xff, 0, 0, 0, 0, 0, 0, 0, 1};

        RdbStream cut = RdbStream.ofLength(new ByteArrayInputStream(rdb, 0, 12), rdb.length);
        assertThatThrownBy(cut::readAllBytes).hasMessageContaining("ended after 12 of the RDB's 18 bytes");

        RdbStream damaged = RdbStream.ofLength(new ByteArrayInputStream(rdb), rdb.length);
        assertThat(damaged.readAllBytes()).isEqualTo(rdb);
        assertThatThrownBy(damaged::verify).hasMessageContaining("checksum does not match");

        byte[] mark = "0123456789012345678901234567890123456789".getBytes(StandardCharsets.US_ASCII);
        byte[] marked = new byte[rdb.length + mark.length];
        System.arraycopy(rdb, 0, marked, 0, rdb.length);
        System.arraycopy(mark, 0, marked, rdb.length, mark.length);
        RdbStream withMark = RdbStream.endingWith(new ByteArrayInputStream(marked), mark);
        assertThat(withMark.readAllBytes()).as("the mark held back").isEqualTo(rdb);
        assertThat(withMark.complete()).isTrue();
        RdbStream markCut = RdbStream.endingWith(new ByteArrayInputStream(rdb), mark);
        assertThatThrownBy(markCut::readAllBytes).hasMessageContaining("ended before the RDB's end mark");
    }

    @Test
    void onlyTheConfiguredDatabaseIsReadAndKeysExpiredAtTheSnapshotAreLeftOut() throws Exception {
        try (RedisServer server = RedisServer.start();
                RedisSession db0 = RedisSession.open(vertx, endpoint(server), TIMEOUT)) {
            db0.call(Request.cmd(Command.SET).arg("kept").arg("v"));
            db0.call(Request.cmd(Command.SET).arg("with-ttl").arg("v").arg("PX").arg(3_600_000));
            db0.call(Request.cmd(Command.SELECT).arg(3));
            db0.call(Request.cmd(Command.SET).arg("other-database").arg("v"));
            db0.call(Request.cmd(Command.SELECT).arg(0));
            // Expired in the snapshot's eyes: its clock runs two hours ahead.
            Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
            List<KeyRecord> records = new ArrayList<>();
            KeySnapshot.Counts counts = new ReplicationSnapshot(
                            endpoint(server), new KeyPatterns(List.of()), TIMEOUT, later)
                    .stream(64 * 1024, chunk -> records.addAll(decode(chunk)));

            assertThat(records)
                    .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactly("kept");
            assertThat(counts.vanished()).as("expired at the snapshot").isEqualTo(1);
        }
    }

    /** Reads everything, running {@code change} while the reader waits after its first chunk. */
    private static Map<String, byte[]> readPausedAtTheFirstChunk(KeySnapshot snapshot, ThrowingRunnable change)
            throws Exception {
        CountDownLatch firstChunk = new CountDownLatch(1);
        CountDownLatch changed = new CountDownLatch(1);
        Map<String, byte[]> read = new HashMap<>();
        CompletableFuture<KeySnapshot.Counts> reading = CompletableFuture.supplyAsync(() -> {
            try {
                return snapshot.stream(32 * 1024, chunk -> {
                    decode(chunk).forEach(r -> read.put(new String(r.key(), StandardCharsets.UTF_8), r.dump()));
                    if (firstChunk.getCount() > 0) {
                        firstChunk.countDown();
                        assertThat(changed.await(60, TimeUnit.SECONDS)).isTrue();
                    }
                });
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(firstChunk.await(60, TimeUnit.SECONDS)).as("a first chunk").isTrue();
        change.run();
        changed.countDown();
        KeySnapshot.Counts counts = reading.get(60, TimeUnit.SECONDS);
        assertThat(counts.keys()).isEqualTo(read.size());
        return read;
    }

    /** {@value #KEYS} keys under {@code prefix}, and each one's DUMP as the server gives it now. */
    private static Map<String, byte[]> load(String prefix) throws IOException {
        List<Request> sets = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            sets.add(Request.cmd(Command.SET).arg(prefix + ":" + i).arg("before-" + i + "-" + "x".repeat(40)));
        }
        session.await(session.batch(sets), "load");
        List<Request> dumps = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            dumps.add(Request.cmd(Command.DUMP).arg(prefix + ":" + i));
        }
        List<Response> replies = session.await(session.batch(dumps), "dump");
        Map<String, byte[]> before = new HashMap<>();
        for (int i = 0; i < KEYS; i++) {
            before.put(prefix + ":" + i, replies.get(i).toBytes());
        }
        return before;
    }

    /** Every key rewritten, a tenth deleted, as many added. */
    private static void changeEverything(String prefix) throws IOException {
        List<Request> writes = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            writes.add(
                    i % 10 == 0
                            ? Request.cmd(Command.DEL).arg(prefix + ":" + i)
                            : Request.cmd(Command.SET).arg(prefix + ":" + i).arg("after-" + i));
        }
        for (int i = 0; i < KEYS / 10; i++) {
            writes.add(Request.cmd(Command.SET).arg(prefix + ":new-" + i).arg("added"));
        }
        session.await(session.batch(writes), "change");
    }

    private static List<KeyRecord> decode(KeyChunk chunk) throws IOException {
        return SnapshotRecords.decode(chunk);
    }

    private static RedisEndpoint endpoint(RedisServer server) {
        return SnapshotRecords.endpoint(server);
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
