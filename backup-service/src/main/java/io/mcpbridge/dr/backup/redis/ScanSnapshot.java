package io.mcpbridge.dr.backup.redis;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reads every key of a Redis key by key, as a stream: SCAN pages, each followed by one pipelined batch of DUMP and
 * PTTL for its keys, while the next SCAN is already on the wire. The fallback for servers that refuse replication
 * ({@link ReplicationSnapshot} is the default).
 *
 * <p>Not one point in time: SCAN returns every key that exists for the whole scan at least once; keys created
 * meanwhile may or may not be included, two related keys may be read at different moments, and a key may rarely
 * come twice (a rehash during the scan): the restore tolerates that. A key that expires or is deleted between SCAN
 * and DUMP is simply not in the backup.
 */
public final class ScanSnapshot implements KeySnapshot {

    private final RedisSession session;
    private final KeyPatterns skip;
    private final int scanCount;
    private final Clock clock;

    public ScanSnapshot(RedisSession session, KeyPatterns skip, int scanCount, Clock clock) {
        this.session = session;
        this.skip = skip;
        this.scanCount = scanCount;
        this.clock = clock;
    }

    @Override
    public SnapshotMethod method() {
        return SnapshotMethod.SCAN;
    }

    @Override
    public Counts stream(int chunkBytes, ChunkSink sink) throws IOException, InterruptedException {
        KeyChunker chunker = new KeyChunker(chunkBytes, sink);
        long skipped = 0;
        long vanished = 0;
        CompletableFuture<Response> scan = session.send(scanRequest("0"));
        Page previous = null;
        while (scan != null || previous != null) {
            Page current = null;
            if (scan != null) {
                Response reply = session.await(scan, "SCAN");
                String cursor = reply.get(0).toString();
                List<byte[]> names = new ArrayList<>(reply.get(1).size());
                for (Response name : reply.get(1)) {
                    byte[] key = name.toBytes();
                    if (skip.matches(key)) {
                        skipped++;
                    } else {
                        names.add(key);
                    }
                }
                long sentAt = clock.millis();
                current = new Page(
                        names,
                        sentAt,
                        names.isEmpty()
                                ? CompletableFuture.completedFuture(List.of())
                                : session.batch(dumpAndTtl(names)));
                // The next SCAN goes out behind this page's batch, and the previous page is encoded while
                // redis-server works on this one: the server is never left waiting for this thread.
                scan = "0".equals(cursor) ? null : session.send(scanRequest(cursor));
            }
            if (previous != null) {
                vanished += add(chunker, previous, session.await(previous.replies(), "DUMP/PTTL"));
            }
            previous = current;
        }
        chunker.flush();
        return new Counts(chunker.keys(), skipped, vanished);
    }

    /** One SCAN page whose values are on their way. */
    private record Page(List<byte[]> names, long sentAt, CompletableFuture<List<Response>> replies) {}

    /** Adds a page's keys; how many had vanished meanwhile. */
    private static long add(KeyChunker chunker, Page page, List<Response> values)
            throws IOException, InterruptedException {
        long vanished = 0;
        for (int i = 0; i < page.names().size(); i++) {
            Response dump = values.get(2 * i);
            long ttl = values.get(2 * i + 1).toLong();
            if (dump == null || dump.type() != ResponseType.BULK || ttl == -2) {
                vanished++;
                continue;
            }
            chunker.add(new KeyRecord(
                    page.names().get(i), ttl < 0 ? KeyRecord.NO_EXPIRY : page.sentAt() + ttl, dump.toBytes()));
        }
        return vanished;
    }

    private Request scanRequest(String cursor) {
        return Request.cmd(Command.SCAN).arg(cursor).arg("COUNT").arg(scanCount);
    }

    private static List<Request> dumpAndTtl(List<byte[]> names) {
        List<Request> requests = new ArrayList<>(names.size() * 2);
        for (byte[] name : names) {
            requests.add(Request.cmd(Command.DUMP).arg(name));
            requests.add(Request.cmd(Command.PTTL).arg(name));
        }
        return requests;
    }
}
