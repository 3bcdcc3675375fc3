package io.mcpbridge.dr.backup.operation;

import io.mcpbridge.dr.backup.archive.ArchiveIntegrityException;
import io.mcpbridge.dr.backup.archive.ArchiveLayout;
import io.mcpbridge.dr.backup.archive.ArchiveWriter;
import io.mcpbridge.dr.backup.archive.Progress;
import io.mcpbridge.dr.backup.redis.KeyRecord;
import io.mcpbridge.dr.backup.redis.RedisRestorer;
import io.mcpbridge.dr.backup.redis.RedisSession;
import io.mcpbridge.dr.backup.redis.ScratchRedis;
import io.mcpbridge.dr.backup.redis.ValueSample;
import io.mcpbridge.dr.backup.store.Verdict;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
            ValueSample sample = new ValueSample(context.tuning().sampleSize());
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
            ValueSample.Comparison comparison =
                    sample.compareWith(session, context.clock().millis());
            if (comparison.difference().isPresent()) {
                throw new VerificationFailedException(
                        "backup " + index.id() + ": " + comparison.difference().get() + " after the test restore");
            }
            long compared = comparison.compared();
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

    /** The backup read whole but is not what it claims (keys missing, values differing). */
    public static final class VerificationFailedException extends OperationFailedException {
        public VerificationFailedException(String message) {
            super(message);
        }
    }
}
