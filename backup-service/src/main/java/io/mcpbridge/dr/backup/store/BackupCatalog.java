package io.mcpbridge.dr.backup.store;

import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.json.EventJson;
import io.mcpbridge.dr.events.json.MalformedEventException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The backups in the store, read from their index objects and the verdicts beside them. Every index object is
 * created once (when its backup ends) and deleted here; verifications add {@link Verdict}s rather than rewrite
 * it. Each change is told to a {@link CatalogListener} once the store took it.
 */
public final class BackupCatalog {

    private static final Logger LOG = Logger.getLogger(BackupCatalog.class);

    private final ObjectStore store;
    private final BucketLayout layout;
    private final CatalogListener listener;

    /** A catalog whose changes nobody hears of. */
    public BackupCatalog(ObjectStore store, BucketLayout layout) {
        this(store, layout, CatalogListener.NONE);
    }

    public BackupCatalog(ObjectStore store, BucketLayout layout, CatalogListener listener) {
        this.store = store;
        this.layout = layout;
        this.listener = listener;
    }

    /** Stores a new backup's index. */
    public void save(BackupIndex index) throws IOException {
        if (!store.create(layout.indexKey(index.id()), EventJson.toBytes(index))) {
            throw new IOException("backup " + index.id() + " has an index already; it is not replaced");
        }
        tell(() -> listener.saved(index), index.id());
    }

    /**
     * Adds a verification's verdict to a backup and returns the index as it now reads.
     *
     * @throws IOException when the backup was deleted meanwhile (pruned while it was verified): the verdict is
     *                     taken back, so it cannot bring a deleted backup back into the catalog
     */
    public BackupIndex addVerdict(BackupIndex index, Verdict verdict) throws IOException {
        String key = layout.verdictKey(index.id(), verdict.at());
        store.create(key, EventJson.toBytes(verdict));
        if (store.get(layout.indexKey(index.id())).isEmpty()) {
            store.delete(List.of(key));
            throw new IOException("backup " + index.id() + " was deleted while it was verified");
        }
        BackupIndex verified = verdict.applyTo(index);
        tell(() -> listener.saved(verified), index.id());
        return verified;
    }

    /**
     * Deletes the index objects of these backups (whose archives must be gone already: see BackupPruner), then
     * their verdicts and any verdict left without a backup.
     */
    public void delete(List<String> backupIds) throws IOException {
        if (backupIds.isEmpty()) {
            return;
        }
        store.delete(backupIds.stream().map(layout::indexKey).toList());
        tell(() -> listener.deleted(backupIds), String.join(", ", backupIds));
        Set<String> indexed = indexedIds();
        store.delete(store.list(layout.verdictPrefix()).stream()
                .filter(key -> layout.backupIdOfVerdictKey(key)
                        .map(id -> !indexed.contains(id))
                        .orElse(false))
                .toList());
    }

    private Set<String> indexedIds() throws IOException {
        Set<String> ids = new HashSet<>();
        for (String key : store.list(layout.indexPrefix())) {
            layout.backupIdOfIndexKey(key).ifPresent(ids::add);
        }
        return ids;
    }

    /** The store holds the change whatever the listener does: its failure is logged, never the write's. */
    private static void tell(Runnable change, String backupIds) {
        try {
            change.run();
        } catch (RuntimeException e) {
            LOG.warnf("the catalog change of %s was not told: %s", backupIds, e.getMessage());
        }
    }

    public Optional<BackupIndex> find(String backupId) throws IOException {
        if (!BucketLayout.isBackupId(backupId)) {
            return Optional.empty();
        }
        Optional<byte[]> bytes = store.get(layout.indexKey(backupId));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        List<String> verdicts = store.list(layout.verdictPrefix() + backupId + "/");
        return Optional.of(withNewestVerdict(
                parse(backupId, bytes.get()), verdicts.isEmpty() ? null : verdicts.get(verdicts.size() - 1)));
    }

    /** Every backup, oldest first. Index objects that cannot be read are logged and left out. */
    public List<BackupIndex> all() throws IOException {
        Map<String, String> newestVerdicts = new HashMap<>();
        for (String key : store.list(layout.verdictPrefix())) {
            // Listed in key order, which is time order within a backup: the last one stays.
            layout.backupIdOfVerdictKey(key).ifPresent(id -> newestVerdicts.put(id, key));
        }
        List<BackupIndex> all = new ArrayList<>();
        for (String key : store.list(layout.indexPrefix())) {
            Optional<String> id = layout.backupIdOfIndexKey(key);
            if (id.isEmpty()) {
                continue;
            }
            Optional<byte[]> bytes = store.get(key);
            if (bytes.isEmpty()) {
                continue; // deleted meanwhile
            }
            try {
                all.add(withNewestVerdict(parse(id.get(), bytes.get()), newestVerdicts.get(id.get())));
            } catch (MalformedEventException e) {
                LOG.warnf("index object %s is unreadable and ignored: %s", key, e.getMessage());
            }
        }
        all.sort(Comparator.comparing(BackupIndex::createdAt).thenComparing(BackupIndex::id));
        return all;
    }

    /** {@link #resolve(String, Collection, Instant)} with no time bound. */
    public BackupIndex resolve(String idOrLatest, Collection<BackupScope> scopes) throws IOException {
        return resolve(idOrLatest, scopes, null);
    }

    /**
     * Resolves {@code id} or {@code latest}: among the backups that hold every requested scope, are usable and
     * are not forensic (restoring "latest" must never bring back what a restore replaced), and were started
     * before {@code takenBefore} when given (an incident's detection: nothing taken after the trouble began),
     * the newest verified one, or the newest not known to be bad when none was verified yet. Every restore
     * proves the whole archive before it writes anything, so an unverified backup is never applied unproven.
     *
     * @throws IllegalArgumentException when there is no such backup, with what was looked for
     */
    public BackupIndex resolve(String idOrLatest, Collection<BackupScope> scopes, Instant takenBefore)
            throws IOException {
        String wanted = idOrLatest == null || idOrLatest.isBlank() ? BackupCommand.LATEST : idOrLatest.strip();
        if (BackupCommand.LATEST.equalsIgnoreCase(wanted)) {
            List<BackupIndex> candidates = all().stream()
                    .filter(index -> index.usable()
                            && index.purpose() != BackupIndex.Purpose.FORENSIC
                            && index.scopes().containsAll(scopes)
                            && (takenBefore == null || index.createdAt().isBefore(takenBefore)))
                    .toList();
            return candidates.stream()
                    .filter(index -> Boolean.TRUE.equals(index.verified()))
                    .reduce((a, b) -> b)
                    .or(() -> candidates.stream().reduce((a, b) -> b))
                    .orElseThrow(() -> new IllegalArgumentException("no usable backup holds "
                            + (scopes.isEmpty()
                                    ? "any scope"
                                    : scopes.stream().map(BackupScope::wireName).toList())
                            + (takenBefore == null ? "" : " from before " + takenBefore) + " in " + store.describe()));
        }
        if (!BucketLayout.isBackupId(wanted)) {
            throw new IllegalArgumentException("'" + wanted + "' is neither a backup id nor 'latest'");
        }
        return find(wanted)
                .orElseThrow(() -> new IllegalArgumentException("no backup " + wanted + " in " + store.describe()));
    }

    /** The index as its newest verdict leaves it; a verdict that cannot be read is logged and passed over. */
    private BackupIndex withNewestVerdict(BackupIndex index, String verdictKey) throws IOException {
        if (verdictKey == null) {
            return index;
        }
        Optional<byte[]> bytes = store.get(verdictKey);
        if (bytes.isEmpty()) {
            return index;
        }
        try {
            return EventJson.fromBytes(bytes.get(), Verdict.class).applyTo(index);
        } catch (MalformedEventException e) {
            LOG.warnf("verdict %s is unreadable and ignored: %s", verdictKey, e.getMessage());
            return index;
        }
    }

    private static BackupIndex parse(String id, byte[] bytes) {
        BackupIndex index = EventJson.fromBytes(bytes, BackupIndex.class);
        if (!id.equals(index.id())) {
            throw new MalformedEventException("index object of " + id + " names " + index.id());
        }
        return index;
    }
}
