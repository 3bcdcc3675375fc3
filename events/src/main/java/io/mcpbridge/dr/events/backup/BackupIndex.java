package io.mcpbridge.dr.events.backup;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The small unencrypted object beside each archive: enough to list, choose and prune backups without
 * downloading or decrypting anything. It holds no data of the backup and never a key. backup-service writes it
 * to the store as JSON, and publishes the same JSON on {@code mcp-dr.backup.catalog} (compacted, keyed by
 * {@code id}) whenever it writes it, so the catalog can be read from Kafka long after the backup's results
 * expired.
 *
 * @param id               the backup id
 * @param purpose          why it was taken
 * @param status           COMPLETE once the archive is stored whole; FAILED otherwise
 * @param createdAt        when it started
 * @param completedAt      when it ended
 * @param scopes           the scopes it holds
 * @param sizeBytes        the stored archive's size (0 when failed)
 * @param plainBytes       the archive's entries' total size before compression
 * @param ciphertextSha256 SHA-256 of the stored archive, hex
 * @param keyId            the fingerprint of the key that encrypted it
 * @param compression      as in the manifest
 * @param encryption       as in the manifest
 * @param counts           what it holds, by kind
 * @param bridgeVersion    the MCP Bridge version backed up, when known
 * @param verified         null until verified; then whether the last verification passed
 * @param verifiedAt       when it was last verified
 * @param verifyDetail     what the last verification found
 * @param failureReason    why it failed (FAILED only)
 * @param reason           the command's reason
 * @param requestedBy      who asked for it
 */
public record BackupIndex(
        String id,
        Purpose purpose,
        Status status,
        Instant createdAt,
        Instant completedAt,
        List<BackupScope> scopes,
        long sizeBytes,
        long plainBytes,
        String ciphertextSha256,
        String keyId,
        String compression,
        String encryption,
        Map<String, Long> counts,
        String bridgeVersion,
        Boolean verified,
        Instant verifiedAt,
        String verifyDetail,
        String failureReason,
        String reason,
        String requestedBy) {

    public enum Status {
        COMPLETE,
        FAILED
    }

    /** A forensic backup records what a restore overwrote; it is never what "latest" restores. */
    public enum Purpose {
        SCHEDULED,
        MANUAL,
        FORENSIC
    }

    public BackupIndex {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        counts = counts == null ? Map.of() : Map.copyOf(counts);
    }

    /** What a backup was asked for, known before anything is written. */
    public record Origin(
            String id,
            Purpose purpose,
            List<BackupScope> scopes,
            Instant createdAt,
            String keyId,
            String reason,
            String requestedBy) {}

    /** What was stored: the archive's sizes, digest and formats. */
    public record Stored(
            long sizeBytes,
            long plainBytes,
            String ciphertextSha256,
            String compression,
            String encryption,
            String bridgeVersion) {}

    /** A backup stored whole, not yet verified. */
    public static BackupIndex complete(Origin origin, Instant completedAt, Stored stored, Map<String, Long> counts) {
        return new BackupIndex(
                origin.id(),
                origin.purpose(),
                Status.COMPLETE,
                origin.createdAt(),
                completedAt,
                origin.scopes(),
                stored.sizeBytes(),
                stored.plainBytes(),
                stored.ciphertextSha256(),
                origin.keyId(),
                stored.compression(),
                stored.encryption(),
                counts,
                stored.bridgeVersion(),
                null,
                null,
                null,
                null,
                origin.reason(),
                origin.requestedBy());
    }

    /** A backup that failed: recorded, so the failure is seen where the backups are listed. */
    public static BackupIndex failed(Origin origin, Instant at, Map<String, Long> counts, String failureReason) {
        return new BackupIndex(
                origin.id(),
                origin.purpose(),
                Status.FAILED,
                origin.createdAt(),
                at,
                origin.scopes(),
                0,
                0,
                null,
                origin.keyId(),
                null,
                null,
                counts,
                null,
                null,
                null,
                null,
                failureReason,
                origin.reason(),
                origin.requestedBy());
    }

    /** Stored whole and not known to be bad: fit to restore. */
    public boolean usable() {
        return status == Status.COMPLETE && !Boolean.FALSE.equals(verified);
    }

    /** Stored whole and proven restorable by a verification: what retention protects. */
    public boolean verifiedGood() {
        return status == Status.COMPLETE && Boolean.TRUE.equals(verified);
    }

    public BackupIndex withVerification(boolean passed, Instant at, String detail) {
        return new BackupIndex(
                id,
                purpose,
                status,
                createdAt,
                completedAt,
                scopes,
                sizeBytes,
                plainBytes,
                ciphertextSha256,
                keyId,
                compression,
                encryption,
                counts,
                bridgeVersion,
                passed,
                at,
                detail,
                failureReason,
                reason,
                requestedBy);
    }
}
