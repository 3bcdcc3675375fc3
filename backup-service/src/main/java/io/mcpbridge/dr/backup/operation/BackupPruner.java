package io.mcpbridge.dr.backup.operation;

import io.mcpbridge.dr.backup.store.BackupIndex;
import io.mcpbridge.dr.backup.store.RetentionPolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Applies the {@link RetentionPolicy}: deletes each expired backup's archive, then its index object. */
public final class BackupPruner {

    private final BackupContext context;
    private final RetentionPolicy policy;

    public BackupPruner(BackupContext context, RetentionPolicy policy) {
        this.context = context;
        this.policy = policy;
    }

    public Outcome prune() throws IOException {
        List<BackupIndex> all = context.catalog().all();
        List<String> expired = policy.expired(all, context.clock().instant());
        List<String> keys = new ArrayList<>(expired.size() * 2);
        for (String id : expired) {
            // Archives first: should this stop halfway, the index objects left are still expired and the next
            // prune finishes; an archive left without its index would be invisible to retention.
            keys.add(context.layout().archiveKey(id));
        }
        context.store().delete(keys);
        keys.clear();
        for (String id : expired) {
            keys.add(context.layout().indexKey(id));
        }
        context.store().delete(keys);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("deleted", (long) expired.size());
        counts.put("kept", (long) (all.size() - expired.size()));
        counts.put(
                "keptVerified",
                all.stream()
                        .filter(b -> !expired.contains(b.id()) && b.verifiedGood())
                        .count());
        return new Outcome(null, List.of(), counts, null, null, null);
    }
}
