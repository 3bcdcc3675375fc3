package io.mcpbridge.dr.backup.operation;

import io.mcpbridge.dr.backup.store.RetentionPolicy;
import io.mcpbridge.dr.events.backup.BackupIndex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the {@link RetentionPolicy}: deletes each expired backup's archive, then its index object; or, as a
 * dry run, names the backups it would delete and deletes nothing.
 */
public final class BackupPruner {

    private final BackupContext context;
    private final RetentionPolicy policy;

    public BackupPruner(BackupContext context, RetentionPolicy policy) {
        this.context = context;
        this.policy = policy;
    }

    /** Deletes the expired backups; counts {@code deleted}, {@code kept} and {@code keptVerified}. */
    public Outcome prune() throws IOException {
        List<BackupIndex> all = context.catalog().all();
        List<String> expired = policy.expired(all, context.clock().instant());
        List<String> archives = new ArrayList<>(expired.size());
        for (String id : expired) {
            // Archives first: should this stop halfway, the index objects left are still expired and the next
            // prune finishes; an archive left without its index would be invisible to retention.
            archives.add(context.layout().archiveKey(id));
        }
        context.store().delete(archives);
        context.catalog().delete(expired);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("deleted", (long) expired.size());
        counts.putAll(kept(all, expired));
        return new Outcome(null, List.of(), counts, null, null, null, expired, null);
    }

    /**
     * Deletes nothing and says what {@link #prune()} would delete now: {@code deleted} is 0, {@code wouldDelete}
     * the number, and the ids are listed.
     */
    public Outcome dryRun() throws IOException {
        List<BackupIndex> all = context.catalog().all();
        List<String> expired = policy.expired(all, context.clock().instant());
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("deleted", 0L);
        counts.put("wouldDelete", (long) expired.size());
        counts.putAll(kept(all, expired));
        return new Outcome(
                null,
                List.of(),
                counts,
                null,
                null,
                null,
                expired,
                "dry run: " + expired.size() + " backup(s) would be deleted; nothing was");
    }

    /** What retention keeps (or, in a dry run, would keep): all backups, and the verified-good ones. */
    private static Map<String, Long> kept(List<BackupIndex> all, List<String> expired) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("kept", (long) (all.size() - expired.size()));
        counts.put(
                "keptVerified",
                all.stream()
                        .filter(b -> !expired.contains(b.id()) && b.verifiedGood())
                        .count());
        return counts;
    }
}
