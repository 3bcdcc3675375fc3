package io.mcpbridge.dr.backup.archive;

import io.mcpbridge.dr.events.backup.BackupScope;
import java.util.Optional;

/**
 * The one owner of where entries sit inside an archive, as {@code BucketLayout} is for the keys of the object
 * store: {@code manifest.json} last, then one folder per scope:
 *
 * <pre>
 * redis/keys-000001.bin                     Redis keys in chunks, in DUMP format
 * configs/&lt;relative path&gt;                  the configuration tree
 * certs/&lt;relative path&gt;                    the certificate tree
 * kubernetes/&lt;n&gt;-&lt;kind&gt;/&lt;name&gt;.json      one resource each, folders in restore order
 * </pre>
 */
public final class ArchiveLayout {

    private ArchiveLayout() {}

    /** The folder of a scope's entries, with its trailing slash. */
    public static String folder(BackupScope scope) {
        return scope.wireName() + "/";
    }

    /** The entry of a file of a directory scope, by its path relative to the scope's directory. */
    public static String file(BackupScope scope, String relativePath) {
        return folder(scope) + relativePath;
    }

    /** The entry of the {@code number}th chunk of Redis keys (from 1). */
    public static String redisChunk(int number) {
        return String.format("%skeys-%06d.bin", folder(BackupScope.REDIS), number);
    }

    /** The entry of one Kubernetes resource. */
    public static String kubernetesResource(String kindFolder, String name) {
        return folder(BackupScope.KUBERNETES) + kindFolder + "/" + name + ".json";
    }

    /** The scope an entry belongs to; empty for the manifest and anything unknown. */
    public static Optional<BackupScope> scopeOf(String entryName) {
        for (BackupScope scope : BackupScope.values()) {
            if (entryName.startsWith(folder(scope))) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }

    /** The name of the resource a Kubernetes resource entry holds; empty when the entry is not one. */
    public static Optional<String> kubernetesResourceName(String entryName) {
        return kubernetesKindFolder(entryName)
                .map(folder ->
                        entryName.substring(entryName.lastIndexOf('/') + 1, entryName.length() - ".json".length()));
    }

    /** The kind folder of a Kubernetes resource entry; empty when the entry is not one. */
    public static Optional<String> kubernetesKindFolder(String entryName) {
        String[] parts = entryName.split("/");
        return parts.length == 3 && entryName.startsWith(folder(BackupScope.KUBERNETES)) && parts[2].endsWith(".json")
                ? Optional.of(parts[1])
                : Optional.empty();
    }
}
