package io.mcpbridge.dr.backup.redis;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Writes keys back with pipelined {@code RESTORE key expireAt payload ABSTTL REPLACE}: each key gets the
 * absolute expiry it had, so a session expires when it would have; keys whose time has passed are
 * skipped, not written. A key that exists is replaced (what it held is in the forensic backup taken
 * first); keys absent from the backup are left alone. Batches of {@code batchSize} keys, with up to
 * {@code maxInFlight} batches on the wire while the archive is read on.
 */
public final class RedisRestorer {

    /**
     * What was written.
     *
     * @param restored keys written
     * @param expired  keys skipped because their expiry had passed
     */
    public record Counts(long restored, long expired) {
    }

    private final RedisSession session;
    private final int batchSize;
    private final int maxInFlight;
    private final Clock clock;
    private final Deque<Pending> inFlight = new ArrayDeque<>();
    private List<Request> batch = new ArrayList<>();
    private long restored;
    private long expired;

    public RedisRestorer(RedisSession session, int batchSize, int maxInFlight, Clock clock) {
        this.session = session;
        this.batchSize = batchSize;
        this.maxInFlight = maxInFlight;
        this.clock = clock;
    }

    public void add(KeyRecord record) throws IOException {
        if (record.expireAtMillis() != KeyRecord.NO_EXPIRY && record.expireAtMillis() <= clock.millis()) {
            expired++;
            return;
        }
        Request restore = Request.cmd(Command.RESTORE).arg(record.key()).arg(record.expireAtMillis())
                .arg(record.dump()).arg("ABSTTL").arg("REPLACE");
        batch.add(restore);
        if (batch.size() >= batchSize) {
            flush();
        }
    }

    /** Sends what is left and waits for every reply. */
    public Counts finish() throws IOException {
        flush();
        while (!inFlight.isEmpty()) {
            settle(inFlight.removeFirst());
        }
        return new Counts(restored, expired);
    }

    private void flush() throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        while (inFlight.size() >= maxInFlight) {
            settle(inFlight.removeFirst());
        }
        inFlight.addLast(new Pending(batch, session.batch(batch)));
        batch = new ArrayList<>(batchSize);
    }

    private void settle(Pending pending) throws IOException {
        session.await(pending.replies(), "RESTORE");
        restored += pending.requests().size();
    }

    private record Pending(List<Request> requests, CompletableFuture<List<Response>> replies) {
    }
}
