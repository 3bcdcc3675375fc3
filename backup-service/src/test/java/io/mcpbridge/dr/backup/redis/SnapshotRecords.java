package io.mcpbridge.dr.backup.redis;

import io.mcpbridge.dr.testing.RedisServer;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the snapshot tests share: a test server's endpoint, and the key records in a chunk. */
final class SnapshotRecords {

    private SnapshotRecords() {}

    static RedisEndpoint endpoint(RedisServer server) {
        return RedisEndpoint.parse(server.uri(), Optional.empty(), "test redis");
    }

    static List<KeyRecord> decode(KeyChunk chunk) throws IOException {
        List<KeyRecord> records = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(chunk.data(), 0, chunk.length()))) {
            for (KeyRecord record; (record = KeyRecord.readFrom(in)) != null; ) {
                records.add(record);
            }
        }
        return records;
    }
}
