package io.mcpbridge.dr.backup.redis;

import com.moilioncircle.redis.replicator.util.CRC64;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Redis's CRC-64 (Jones polynomial, reflected: what DUMP payloads and RDB files end with), eight bytes at a time
 * (slicing-by-8 over redis-replicator's own table). A byte at a time, as the parser computes it, it cost a third
 * of the snapshot reader's CPU; the result is the same ({@code Crc64Test} holds it to the parser's).
 */
final class Crc64 {

    private static final long[][] TABLES = tables();
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Crc64() {}

    /** The checksum {@code crc} (0 to start) continued over {@code length} bytes of {@code bytes} from {@code offset}. */
    static long update(long crc, byte[] bytes, int offset, int length) {
        long[] t0 = TABLES[0];
        int i = offset;
        int end = offset + length;
        for (; end - i >= 8; i += 8) {
            long x = crc ^ (long) LONGS.get(bytes, i);
            crc = TABLES[7][(int) x & 0xff]
                    ^ TABLES[6][(int) (x >>> 8) & 0xff]
                    ^ TABLES[5][(int) (x >>> 16) & 0xff]
                    ^ TABLES[4][(int) (x >>> 24) & 0xff]
                    ^ TABLES[3][(int) (x >>> 32) & 0xff]
                    ^ TABLES[2][(int) (x >>> 40) & 0xff]
                    ^ TABLES[1][(int) (x >>> 48) & 0xff]
                    ^ t0[(int) (x >>> 56) & 0xff];
        }
        for (; i < end; i++) {
            crc = t0[((int) crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
        }
        return crc;
    }

    private static long[][] tables() {
        long[][] tables = new long[8][256];
        tables[0] = CRC64.LOOKUP_TABLE.clone();
        for (int n = 0; n < 256; n++) {
            long crc = tables[0][n];
            for (int k = 1; k < 8; k++) {
                crc = tables[0][(int) crc & 0xff] ^ (crc >>> 8);
                tables[k][n] = crc;
            }
        }
        return tables;
    }
}
