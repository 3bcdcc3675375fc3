package io.mcpbridge.dr.backup.store;

import io.mcpbridge.dr.events.backup.BackupIndex;
import java.util.List;

/**
 * Told of every change {@link BackupCatalog} makes to the index objects, after the store took it: how the
 * catalog topic hears of each backup as it is written, verified or pruned.
 */
public interface CatalogListener {

    /** Hears nothing: for tools and tests that use the store alone. */
    CatalogListener NONE = new CatalogListener() {
        @Override
        public void saved(BackupIndex index) {}

        @Override
        public void deleted(List<String> backupIds) {}
    };

    /** The index object of {@code index.id()} now says {@code index}. */
    void saved(BackupIndex index);

    /** These backups' index objects are gone. */
    void deleted(List<String> backupIds);
}
