package io.mcpbridge.dr.backup.operation;

import io.mcpbridge.dr.backup.archive.ArchiveIntegrityException;
import io.mcpbridge.dr.backup.archive.ArchiveLayout;
import io.mcpbridge.dr.backup.archive.ArchiveWriter;
import io.mcpbridge.dr.backup.archive.Progress;
import io.mcpbridge.dr.backup.redis.KeyRecord;
import io.mcpbridge.dr.backup.redis.RedisRestorer;
import io.mcpbridge.dr.backup.redis.RedisSession;
import io.mcpbridge.dr.backup.redis.ScratchRedis;
import io.mcpbridge.dr.backup.store.Verdict;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Proves a backup restorable: downloads and decrypts it, checks every entry against the manifest, and
 * restores its Redis keys into a scratch redis-server, then checks that every key was accounted for and
 * that a random sample of values reads back identical. The verdict goes into the index object: a backup
 * that fails is never "latest" again and never protected by retention. A failure of the means (the store
 * unreachable, no redis-server) is reported but says nothing about the backup, which keeps its verdict.
 */
public final class BackupVerifier {

    private final BackupContext context;

    public BackupVerifier(BackupContext context) {
        this.context = context;
    }

    public Outcome verify(String idOrLatest, Progress progress) throws IOException {
        BackupIndex index = context.catalog().resolve(idOrLatest, List.of());
        boolean redis = index.scopes().contains(BackupScope.REDIS);
        try {
            Map<String, Long> counts = redis ? verifyWithTestRestore(index, progress) : verifyArchive(index, progress);
            String detail = "every entry matches its manifest hash"
                    + (redis
                            ? "; " + counts.get("redisKeysRestored") + " keys test-restored, "
                                    + counts.get("valuesCompared") + " sampled values identical"
                            : "");
            context.catalog()
                    .addVerdict(index, new Verdict(true, context.clock().instant(), detail));
            return new Outcome(
                    index.id(), index.scopes(), counts, index.sizeBytes(), index.ciphertextSha256(), null, null, null);
        } catch (ArchiveIntegrityException | VerificationFailedException e) {
            try {
                context.catalog()
                        .addVerdict(index, new Verdict(false, context.clock().instant(), e.getMessage()));
            } catch (IOException notRecorded) {
                e.addSuppressed(notRecorded);
            }
            throw e;
        }
    }

    private Map<String, Long> verifyArchive(BackupIndex index, Progress progress) throws IOException {
        ArchiveWriter.Written read = StoredArchive.read(context, index, progress, (name, mode, content) -> {});
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("entries", (long) read.manifest().entries().size());
        return counts;
    }

    private Map<String, Long> verifyWithTestRestore(BackupIndex index, Progress progress) throws IOException {
        try (ScratchRedis scratch = ScratchRedis.start(context.tuning().scratchRedisServer());
                RedisSession session = RedisSession.open(
                        context.vertx(), scratch.endpoint(), context.tuning().redisTimeout())) {
            RedisRestorer restorer = new RedisRestorer(
                    session,
                    context.tuning().restoreBatch(),
                    context.tuning().restoreBatchesInFlight(),
                    context.clock());
            Sample sample = new Sample(context.tuning().sampleSize());
            long[] records = {0};
            ArchiveWriter.Written read = StoredArchive.read(context, index, progress, (name, mode, content) -> {
                if (ArchiveLayout.scopeOf(name).orElse(null) == BackupScope.REDIS) {
                    DataInputStream in = new DataInputStream(new BufferedInputStream(content, 64 * 1024));
                    KeyRecord record;
                    while ((record = KeyRecord.readFrom(in)) != null) {
                        records[0]++;
                        restorer.add(record);
                        sample.offer(record);
                    }
                }
            });
            RedisRestorer.Counts restored = restorer.finish();
            long expected = read.manifest().counts().getOrDefault("redisKeys", 0L);
            if (records[0] != expected) {
                throw new VerificationFailedException(
                        "backup " + index.id() + " holds " + records[0] + " Redis keys, its manifest says " + expected);
            }
            if (restored.restored() + restored.expired() != expected) {
                throw new VerificationFailedException("backup " + index.id() + ": only " + restored.restored() + " of "
                        + expected + " keys could be restored");
            }
            long compared = compareSample(session, sample.records(), index.id());
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("entries", (long) read.manifest().entries().size());
            counts.put("redisKeys", expected);
            counts.put("redisKeysRestored", restored.restored());
            counts.put("redisKeysExpired", restored.expired());
            counts.put(
                    "scratchDbSize", session.call(Request.cmd(Command.DBSIZE)).toLong());
            counts.put("valuesCompared", compared);
            return counts;
        }
    }

    /**
     * Compares each sampled key's DUMP from the scratch instance with the archived one. Should they differ
     * in bytes (a scratch redis-server of another version encodes differently), the archived payload is
     * restored beside it and both are compared as that server encodes them.
     */
    private long compareSample(RedisSession session, List<KeyRecord> sample, String backupId) throws IOException {
        long compared = 0;
        long now = context.clock().millis();
        for (KeyRecord record : sample) {
            if (record.expireAtMillis() != KeyRecord.NO_EXPIRY && record.expireAtMillis() <= now + 1000) {
                continue; // expired, or about to: nothing to compare
            }
            Response actual = session.call(Request.cmd(Command.DUMP).arg(record.key()));
            if (actual == null) {
                throw new VerificationFailedException(
                        "backup " + backupId + ": a sampled key is missing after the" + " test restore");
            }
            byte[] restored = actual.toBytes();
            if (!Arrays.equals(restored, record.dump())) {
                String probe = "mcpdr:verify:probe";
                session.call(Request.cmd(Command.RESTORE)
                        .arg(probe)
                        .arg(0)
                        .arg(record.dump())
                        .arg("REPLACE"));
                byte[] reference =
                        session.call(Request.cmd(Command.DUMP).arg(probe)).toBytes();
                session.call(Request.cmd(Command.DEL).arg(probe));
                if (!Arrays.equals(restored, reference)) {
                    throw new VerificationFailedException(
                            "backup " + backupId + ": a sampled value differs after" + " the test restore");
                }
            }
            compared++;
        }
        return compared;
    }

    /** A uniform random sample of the records seen (reservoir sampling), in bounded memory. */
    private static final class Sample {
        private final int size;
        private final List<KeyRecord> records = new ArrayList<>();
        private long seen;

        Sample(int size) {
            this.size = size;
        }

        void offer(KeyRecord record) {
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

        List<KeyRecord> records() {
            return records;
        }
    }

    /** The backup read whole but is not what it claims (keys missing, values differing). */
    public static final class VerificationFailedException extends OperationFailedException {
        public VerificationFailedException(String message) {
            super(message);
        }
    }
}
