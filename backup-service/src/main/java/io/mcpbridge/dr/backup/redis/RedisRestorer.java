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
 * first); once every key is written, keys the backup did not hold are removed ({@link #removeOthers}), but for
 * those a backup never holds (the skip patterns). Batches of {@code batchSize} keys, with up to
 * {@code maxInFlight} batches on the wire while the archive is read on. Every write is a whole-key replace, so
 * a restore cut off part-way is completed by running it again.
 */
public final class RedisRestorer {

    /**
     * What was written.
     *
     * @param restored keys written
     * @param expired  keys skipped because their expiry had passed
     * @param removed  keys of the target that the backup did not hold, removed
     */
    public record Counts(long restored, long expired, long removed) {}

    private final RedisSession session;
    private final int batchSize;
    private final int maxInFlight;
    private final Clock clock;
    private final Deque<Pending> inFlight = new ArrayDeque<>();
    private List<Request> batch = new ArrayList<>();
    private final BackedUpKeys written = new BackedUpKeys();
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
        Request restore = Request.cmd(Command.RESTORE)
                .arg(record.key())
                .arg(record.expireAtMillis())
                .arg(record.dump())
                .arg("ABSTTL")
                .arg("REPLACE");
        batch.add(restore);
        written.add(record.key());
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
        return new Counts(restored, expired, 0);
    }

    /** Keys written so far whose replies came back: what a restore cut off part-way did write. */
    public long restoredSoFar() {
        return restored;
    }

    /**
     * After {@link #finish}: removes every key of the target that this restore did not write, but for keys a
     * backup never holds ({@code keep}, the skip patterns), so the target holds what the backup held.
     *
     * @return the counts, with the keys removed
     */
    public Counts removeOthers(KeyPatterns keep, int scanCount) throws IOException {
        long removed = 0;
        String cursor = "0";
        do {
            Response reply = session.call(
                    Request.cmd(Command.SCAN).arg(cursor).arg("COUNT").arg(scanCount));
            cursor = reply.get(0).toString();
            List<Request> unlinks = new ArrayList<>();
            for (Response name : reply.get(1)) {
                byte[] key = name.toBytes();
                if (!keep.matches(key) && !written.contains(key)) {
                    unlinks.add(Request.cmd(Command.UNLINK).arg(key));
                }
            }
            if (!unlinks.isEmpty()) {
                session.await(session.batch(unlinks), "UNLINK");
                removed += unlinks.size();
            }
        } while (!"0".equals(cursor));
        return new Counts(restored, expired, removed);
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

    private record Pending(List<Request> requests, CompletableFuture<List<Response>> replies) {}
}
