package io.mcpbridge.dr.backup.redis;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Encodes key records into chunks of about the configured size and hands each full one on, so memory holds one
 * chunk, never the data set.
 */
final class KeyChunker {

    private final int chunkBytes;
    private final KeySnapshot.ChunkSink sink;
    private ByteBuffer chunk;
    private int records;
    private long keys;

    KeyChunker(int chunkBytes, KeySnapshot.ChunkSink sink) {
        this.chunkBytes = chunkBytes;
        this.sink = sink;
        this.chunk = ByteBuffer.allocate(chunkBytes);
    }

    void add(KeyRecord record) throws IOException, InterruptedException {
        if (record.encodedLength() > chunk.remaining()) {
            flush();
            chunk = ByteBuffer.allocate(Math.max(chunkBytes, record.encodedLength()));
        }
        record.encodeTo(chunk);
        records++;
        keys++;
    }

    /** Hands on what is in the current chunk, if anything. */
    void flush() throws IOException, InterruptedException {
        if (records > 0) {
            sink.accept(new KeyChunk(chunk.array(), chunk.position(), records));
            chunk = ByteBuffer.allocate(chunkBytes);
            records = 0;
        }
    }

    /** Keys added so far. */
    long keys() {
        return keys;
    }
}
