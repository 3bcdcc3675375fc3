package io.mcpbridge.dr.backup.redis;

import java.io.IOException;

/**
 * A way to read every key of a Redis into {@link KeyRecord}s, chunked: from its own snapshot as a replica
 * ({@link ReplicationSnapshot}, one point in time) or key by key ({@link ScanSnapshot}).
 */
public interface KeySnapshot {

    /** Receives each full chunk; may block (a bounded hand-off to the archive writer). */
    @FunctionalInterface
    interface ChunkSink {
        void accept(KeyChunk chunk) throws IOException, InterruptedException;
    }

    /**
     * What was read.
     *
     * @param keys     keys written into chunks
     * @param skipped  keys left out by the skip patterns
     * @param vanished keys that expired (or, key by key, were deleted) before they could be read
     */
    record Counts(long keys, long skipped, long vanished) {}

    /** How it reads, as the backup's manifest names it. */
    SnapshotMethod method();

    Counts stream(int chunkBytes, ChunkSink sink) throws IOException, InterruptedException;
}
