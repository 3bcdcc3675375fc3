package io.mcpbridge.dr.backup.redis;

import com.moilioncircle.redis.replicator.Configuration;
import com.moilioncircle.redis.replicator.FileType;
import com.moilioncircle.redis.replicator.RedisReplicator;
import com.moilioncircle.redis.replicator.Replicator;
import com.moilioncircle.redis.replicator.event.Event;
import com.moilioncircle.redis.replicator.event.PostRdbSyncEvent;
import com.moilioncircle.redis.replicator.rdb.datatype.ExpiredType;
import com.moilioncircle.redis.replicator.rdb.dump.DumpRdbVisitor;
import com.moilioncircle.redis.replicator.rdb.dump.datatype.DumpKeyValuePair;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;

/**
 * Reads a Redis as one point in time: its own snapshot, asked for as a replica asks ({@link ReplicaConnection}),
 * parsed as it streams by redis-replicator's RDB parser, which hands out each key's value in DUMP form (type,
 * serialisation, RDB version, CRC-64), exactly what {@code DUMP} returns ({@link StringDumps}). Each key of the configured database
 * becomes the same {@link KeyRecord} as a key-by-key read would make (name, absolute expiry, DUMP payload), so
 * restore, verification and the archive format do not change.
 *
 * <p>Every key is as it was when the server forked for the snapshot: writes during the transfer are not in it,
 * and related keys are never from different moments. Keys already expired at that moment are left out (the server
 * keeps them in the snapshot; a replica would drop them). The RDB must arrive whole: cut short, or with a checksum
 * that does not match, the backup fails.
 */
public final class ReplicationSnapshot implements KeySnapshot {

    private final RedisEndpoint endpoint;
    private final KeyPatterns skip;
    private final Duration timeout;
    private final Clock clock;

    public ReplicationSnapshot(RedisEndpoint endpoint, KeyPatterns skip, Duration timeout, Clock clock) {
        this.endpoint = endpoint;
        this.skip = skip;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public SnapshotMethod method() {
        return SnapshotMethod.REPLICATION;
    }

    /**
     * @throws ReplicationRefusedException when the server will not hand its snapshot to a replica (before any chunk
     *                                     was handed on)
     */
    @Override
    public Counts stream(int chunkBytes, ChunkSink sink) throws IOException, InterruptedException {
        try (ReplicaConnection connection = ReplicaConnection.open(endpoint, timeout)) {
            RdbStream rdb = connection.sync();
            Reader reader = new Reader(new KeyChunker(chunkBytes, sink), clock.millis());
            Replicator replicator = new RedisReplicator(
                    rdb, FileType.RDB, Configuration.defaultSetting().setUseDefaultExceptionListener(false));
            replicator.setRdbVisitor(new DumpRdbVisitor(replicator, new StringDumps(replicator)));
            replicator.addEventListener((ignored, event) -> reader.onEvent(event));
            replicator.addExceptionListener((ignored, failure, event) -> reader.failed(failure));
            try {
                replicator.open();
            } catch (InterruptedIOException e) {
                throw new InterruptedException("backup interrupted while reading the snapshot");
            }
            reader.check();
            if (!reader.ended) {
                throw new IOException(
                        "the snapshot ended before its end of file marker, after " + rdb.delivered() + " bytes");
            }
            rdb.verify();
            reader.chunker.flush();
            return new Counts(reader.chunker.keys(), reader.skipped, reader.expired);
        }
    }

    /** Turns the parser's events into key records, on the parser's thread. */
    private final class Reader {

        private final KeyChunker chunker;
        /** The snapshot's moment, as near as this side knows it: keys expired by then are left out. */
        private final long snapshotAt;

        private long skipped;
        private long expired;
        private boolean ended;
        private Throwable failure;

        Reader(KeyChunker chunker, long snapshotAt) {
            this.chunker = chunker;
            this.snapshotAt = snapshotAt;
        }

        void onEvent(Event event) {
            if (event instanceof DumpKeyValuePair pair) {
                add(pair);
            } else if (event instanceof PostRdbSyncEvent) {
                ended = true;
            }
        }

        private void add(DumpKeyValuePair pair) {
            if (pair.getDb() != null && pair.getDb().getDbNumber() != endpoint.database()) {
                return; // another database of the same server
            }
            byte[] key = pair.getKey();
            if (skip.matches(key)) {
                skipped++;
                return;
            }
            long expireAt = expiry(pair);
            if (expireAt != KeyRecord.NO_EXPIRY && expireAt <= snapshotAt) {
                expired++;
                return;
            }
            try {
                chunker.add(new KeyRecord(key, expireAt, pair.getValue()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new InterruptedIOException("interrupted handing on a chunk"));
            }
        }

        /** A failure the parser reported rather than threw (it goes on after one): the backup fails with it. */
        void failed(Throwable cause) {
            if (failure == null) {
                failure = cause;
            }
        }

        void check() throws IOException {
            if (failure != null) {
                throw new IOException("the snapshot could not be read: " + failure.getMessage(), failure);
            }
        }

        private static long expiry(DumpKeyValuePair pair) {
            Long value = pair.getExpiredValue();
            if (value == null || pair.getExpiredType() == null || pair.getExpiredType() == ExpiredType.NONE) {
                return KeyRecord.NO_EXPIRY;
            }
            return pair.getExpiredType() == ExpiredType.SECOND ? value * 1000 : value;
        }
    }
}
