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
    public record Counts(long keys, long skipped, long vanished) {}

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
        Chunker chunker = new Chunker(chunkBytes, sink);
        long skipped = 0;
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
                chunker.add(previous, session.await(previous.replies(), "DUMP/PTTL"));
            }
            previous = current;
        }
        chunker.flush();
        return new Counts(chunker.keys, skipped, chunker.vanished);
    }

    /** One SCAN page whose values are on their way. */
    private record Page(List<byte[]> names, long sentAt, CompletableFuture<List<Response>> replies) {}

    /** Encodes records into chunks of about the configured size and hands each full one on. */
    private static final class Chunker {
        private final int chunkBytes;
        private final ChunkSink sink;
        private ByteBuffer chunk;
        private int records;
        private long keys;
        private long vanished;

        Chunker(int chunkBytes, ChunkSink sink) {
            this.chunkBytes = chunkBytes;
            this.sink = sink;
            this.chunk = ByteBuffer.allocate(chunkBytes);
        }

        void add(Page page, List<Response> values) throws IOException, InterruptedException {
            for (int i = 0; i < page.names().size(); i++) {
                Response dump = values.get(2 * i);
                long ttl = values.get(2 * i + 1).toLong();
                if (dump == null || dump.type() != ResponseType.BULK || ttl == -2) {
                    vanished++;
                    continue;
                }
                KeyRecord record = new KeyRecord(
                        page.names().get(i), ttl < 0 ? KeyRecord.NO_EXPIRY : page.sentAt() + ttl, dump.toBytes());
                if (record.encodedLength() > chunk.remaining()) {
                    flush();
                    chunk = ByteBuffer.allocate(Math.max(chunkBytes, record.encodedLength()));
                }
                record.encodeTo(chunk);
                records++;
                keys++;
            }
        }

        void flush() throws IOException, InterruptedException {
            if (records > 0) {
                sink.accept(new KeyChunk(chunk.array(), chunk.position(), records));
                chunk = ByteBuffer.allocate(chunkBytes);
                records = 0;
            }
        }
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
