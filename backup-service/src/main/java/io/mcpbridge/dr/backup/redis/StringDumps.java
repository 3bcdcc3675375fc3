package io.mcpbridge.dr.backup.redis;

import static com.moilioncircle.redis.replicator.Constants.RDB_TYPE_STRING;

import com.moilioncircle.redis.replicator.Replicator;
import com.moilioncircle.redis.replicator.io.RawByteListener;
import com.moilioncircle.redis.replicator.io.RedisInputStream;
import com.moilioncircle.redis.replicator.rdb.dump.DumpRdbValueVisitor;
import com.moilioncircle.redis.replicator.rdb.skip.SkipRdbParser;
import java.io.IOException;
import java.util.Arrays;

/**
 * redis-replicator's values in DUMP form, with strings (an MCP Bridge session store's keys are nearly all strings)
 * copied in bulk and checksummed eight bytes at a time; every other type as the parser makes it. A DUMP payload is
 * the value's RDB encoding as it stands in the snapshot, behind its type byte, followed by the RDB version (two
 * bytes, little-endian) and the CRC-64 of all that (eight bytes, little-endian): RESTORE checks it.
 */
final class StringDumps extends DumpRdbValueVisitor {

    private static final int FIRST_CAPACITY = 512;

    StringDumps(Replicator replicator) {
        super(replicator, -1, FIRST_CAPACITY);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T applyString(RedisInputStream in, int version) throws IOException {
        Payload payload = new Payload((byte) RDB_TYPE_STRING);
        replicator.addRawByteListener(payload);
        try {
            new SkipRdbParser(in).rdbLoadEncodedStringObject();
        } finally {
            replicator.removeRawByteListener(payload);
        }
        return (T) payload.finish(version);
    }

    /** Collects the raw bytes the parser reads, then seals them as a DUMP payload. */
    private static final class Payload implements RawByteListener {

        private byte[] bytes = new byte[FIRST_CAPACITY];
        private int length;

        Payload(byte type) {
            bytes[length++] = type;
        }

        @Override
        public void handle(byte... raw) {
            ensure(raw.length);
            System.arraycopy(raw, 0, bytes, length, raw.length);
            length += raw.length;
        }

        byte[] finish(int version) {
            ensure(10);
            bytes[length++] = (byte) version;
            bytes[length++] = 0;
            long crc = Crc64.update(0, bytes, 0, length);
            for (int i = 0; i < 8; i++) {
                bytes[length++] = (byte) (crc >>> (8 * i));
            }
            return Arrays.copyOf(bytes, length);
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }
}
