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
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The backups in the store, read from their index objects. Every index object is written and deleted here, and
 * each change is told to a {@link CatalogListener} once the store took it.
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

    public void save(BackupIndex index) throws IOException {
        store.put(layout.indexKey(index.id()), EventJson.toBytes(index));
        tell(() -> listener.saved(index), index.id());
    }

    /** Deletes the index objects of these backups (whose archives must be gone already: see BackupPruner). */
    public void delete(List<String> backupIds) throws IOException {
        if (backupIds.isEmpty()) {
            return;
        }
        store.delete(backupIds.stream().map(layout::indexKey).toList());
        tell(() -> listener.deleted(backupIds), String.join(", ", backupIds));
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
        return bytes.isEmpty() ? Optional.empty() : Optional.of(parse(backupId, bytes.get()));
    }

    /** Every backup, oldest first. Index objects that cannot be read are logged and left out. */
    public List<BackupIndex> all() throws IOException {
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
                all.add(parse(id.get(), bytes.get()));
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

    private static BackupIndex parse(String id, byte[] bytes) {
        BackupIndex index = EventJson.fromBytes(bytes, BackupIndex.class);
        if (!id.equals(index.id())) {
            throw new MalformedEventException("index object of " + id + " names " + index.id());
        }
        return index;
    }
}
