package io.mcpbridge.dr.backup.redis;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reads every key of a Redis as a stream: SCAN pages, each followed by one pipelined batch of DUMP and PTTL
 * for its keys, while the next SCAN is already on the wire. Keys are encoded into chunks of about
 * {@code chunkBytes} and handed on one by one, so memory holds a page and a chunk, never the data set.
 *
 * <p>SCAN returns every key that exists for the whole scan at least once; keys created meanwhile may or may
 * not be included, and a key may rarely come twice (a rehash during the scan): the restore tolerates
 * that. A key that expires or is deleted between SCAN and DUMP is simply not in the backup.
 */
public final class RedisSnapshot {

    /** Receives each full chunk; may block (a bounded hand-off to the archive writer). */
    @FunctionalInterface
    public interface ChunkSink {
        void accept(KeyChunk chunk) throws IOException, InterruptedException;
    }

    /**
     * What was read.
     *
     * @param keys    keys written into chunks
     * @param skipped keys left out by the skip patterns
     * @param vanished keys that expired or were deleted between SCAN and DUMP
     */
    public record Counts(long keys, long skipped, long vanished) {
    }

    private final RedisSession session;
    private final KeyPatterns skip;
    private final int scanCount;
    private final Clock clock;

    public RedisSnapshot(RedisSession session, KeyPatterns skip, int scanCount, Clock clock) {
        this.session = session;
        this.skip = skip;
        this.scanCount = scanCount;
        this.clock = clock;
    }

    public Counts stream(int chunkBytes, ChunkSink sink) throws IOException, InterruptedException {
        long keys = 0;
        long skipped = 0;
        long vanished = 0;
        ByteBuffer chunk = ByteBuffer.allocate(chunkBytes);
        int chunkRecords = 0;
        CompletableFuture<Response> scan = session.send(scanRequest("0"));
        while (scan != null) {
            Response page = session.await(scan, "SCAN");
            String cursor = page.get(0).toString();
            List<byte[]> names = new ArrayList<>(page.get(1).size());
            for (Response name : page.get(1)) {
                byte[] key = name.toBytes();
                if (skip.matches(key)) {
                    skipped++;
                } else {
                    names.add(key);
                }
            }
            long sentAt = clock.millis();
            CompletableFuture<List<Response>> replies = names.isEmpty()
                    ? CompletableFuture.completedFuture(List.of())
                    : session.batch(dumpAndTtl(names));
            // The next page is requested before this one's values arrive: the round trips overlap.
            scan = "0".equals(cursor) ? null : session.send(scanRequest(cursor));
            List<Response> values = session.await(replies, "DUMP/PTTL");
            for (int i = 0; i < names.size(); i++) {
                Response dump = values.get(2 * i);
                long ttl = values.get(2 * i + 1).toLong();
                if (dump == null || dump.type() != ResponseType.BULK || ttl == -2) {
                    vanished++;
                    continue;
                }
                KeyRecord record = new KeyRecord(names.get(i), ttl < 0 ? KeyRecord.NO_EXPIRY : sentAt + ttl,
                        dump.toBytes());
                if (record.encodedLength() > chunk.remaining()) {
                    if (chunkRecords > 0) {
                        sink.accept(new KeyChunk(chunk.array(), chunk.position(), chunkRecords));
                    }
                    chunk = ByteBuffer.allocate(Math.max(chunkBytes, record.encodedLength()));
                    chunkRecords = 0;
                }
                record.encodeTo(chunk);
                chunkRecords++;
                keys++;
            }
        }
        if (chunkRecords > 0) {
            sink.accept(new KeyChunk(chunk.array(), chunk.position(), chunkRecords));
        }
        return new Counts(keys, skipped, vanished);
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
