package io.mcpbridge.dr.backup.archive;

import io.mcpbridge.dr.events.backup.BackupScope;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json}, the last entry of every archive: what the archive must contain, entry by entry.
 * It is inside the encrypted stream, so it is authenticated with everything else; it never holds the key,
 * only the key's id.
 *
 * @param formatVersion  {@link #FORMAT_VERSION} when written
 * @param id             the backup id
 * @param createdAt      when the backup started
 * @param bridgeVersion  the MCP Bridge {@code VERSION} file's content, when there is one
 * @param scopes         the scopes it holds
 * @param keyId          the fingerprint of the key that encrypted it
 * @param compression    how the tar stream is compressed
 * @param encryption     how the compressed stream is encrypted
 * @param counts         what it holds, by kind ({@code configs}, {@code redisKeys}, ...)
 * @param certificates   subject and expiry of each certificate
 * @param entries        every other entry, in archive order, with size and SHA-256
 * @param redisMethod    how its Redis part was read: {@code replication} (the server's snapshot, one point in
 *                       time) or {@code scan} (key by key); absent without Redis, and in backups made before it was
 *                       recorded (which were read key by key)
 */
public record Manifest(
        int formatVersion,
        String id,
        Instant createdAt,
        String bridgeVersion,
        List<BackupScope> scopes,
        String keyId,
        String compression,
        String encryption,
        Map<String, Long> counts,
        List<CertificateInfo> certificates,
        List<ManifestEntry> entries,
        String redisMethod) {

    public static final int FORMAT_VERSION = 1;

    /** The manifest's own entry name; always the last entry. */
    public static final String ENTRY_NAME = "manifest.json";
}
