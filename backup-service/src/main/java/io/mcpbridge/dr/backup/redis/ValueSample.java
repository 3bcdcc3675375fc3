package io.mcpbridge.dr.backup.redis;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A uniform random sample of a backup's keys (reservoir sampling, in bounded memory), compared with what a Redis
 * holds after a restore: each sampled key present, its DUMP identical to the archived one.
 */
public final class ValueSample {

    private static final String PROBE = "mcpdr:verify:probe";

    private final int size;
    private final List<KeyRecord> records = new ArrayList<>();
    private long seen;

    public ValueSample(int size) {
        this.size = size;
    }

    public void offer(KeyRecord record) {
        seen++;
        if (records.size() < size) {
            records.add(record);
        } else {
            long slot = ThreadLocalRandom.current().nextLong(seen);
            if (slot < size) {
                records.set((int) slot, record);
            }
        }
    }

    /** How many values were compared, or what differs first. */
    public record Comparison(long compared, Optional<String> difference) {}

    /**
     * Compares each sampled key that has not expired by {@code nowMillis}. Should a DUMP differ in bytes (a Redis
     * of another version encodes differently), the archived payload is restored beside it under a probe key and
     * both are compared as that server encodes them.
     */
    public Comparison compareWith(RedisSession session, long nowMillis) throws IOException {
        long compared = 0;
        for (KeyRecord record : records) {
            if (record.expireAtMillis() != KeyRecord.NO_EXPIRY && record.expireAtMillis() <= nowMillis + 1000) {
                continue; // expired, or about to: nothing to compare
            }
            Response actual = session.call(Request.cmd(Command.DUMP).arg(record.key()));
            if (actual == null) {
                return new Comparison(compared, Optional.of("a sampled key is missing"));
            }
            byte[] restored = actual.toBytes();
            if (!Arrays.equals(restored, record.dump())) {
                session.call(Request.cmd(Command.RESTORE)
                        .arg(PROBE)
                        .arg(0)
                        .arg(record.dump())
                        .arg("REPLACE"));
                byte[] reference =
                        session.call(Request.cmd(Command.DUMP).arg(PROBE)).toBytes();
                session.call(Request.cmd(Command.DEL).arg(PROBE));
                if (!Arrays.equals(restored, reference)) {
                    return new Comparison(compared, Optional.of("a sampled value differs"));
                }
            }
            compared++;
        }
        return new Comparison(compared, Optional.empty());
    }
}
