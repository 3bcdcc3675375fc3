package io.mcpbridge.dr.backup.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.moilioncircle.redis.replicator.util.CRC64;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Eight bytes at a time, the checksum is the parser's own, a byte at a time, for any length, offset and start. */
class Crc64Test {

    @Test
    void eightBytesAtATimeIsTheParsersChecksum() {
        Random random = new Random(64);
        byte[] bytes = new byte[1 << 20];
        random.nextBytes(bytes);
        for (int i = 0; i < 400; i++) {
            int offset = random.nextInt(64);
            int length = i < 100 ? i : random.nextInt(bytes.length - offset);
            long start = i % 3 == 0 ? 0 : random.nextLong();
            assertThat(Crc64.update(start, bytes, offset, length))
                    .as("%d bytes from %d", length, offset)
                    .isEqualTo(CRC64.crc64(bytes, offset, length, start));
        }
    }

    @Test
    void redisCheckValue() {
        // Redis's own test vector (crc64.c): "123456789" gives e9c6d914c4b8d9ca.
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc64.update(0, check, 0, check.length)).isEqualTo(0xe9c6d914c4b8d9caL);
    }
}
