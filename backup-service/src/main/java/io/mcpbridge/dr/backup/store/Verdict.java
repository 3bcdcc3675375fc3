package io.mcpbridge.dr.backup.store;

import io.mcpbridge.dr.events.backup.BackupIndex;
import java.time.Instant;

/**
 * What one verification found about one backup, kept as an object of its own beside the backup's index: a
 * verification adds a verdict and never rewrites the index, so two instances verifying, or a verification racing
 * a prune, cannot undo each other's writes. The newest verdict is the backup's.
 *
 * @param passed whether the backup proved restorable
 * @param at     when the verification ended
 * @param detail what it found
 */
public record Verdict(boolean passed, Instant at, String detail) {

    /** The index as this verdict leaves it, unless the index already holds a newer one. */
    public BackupIndex applyTo(BackupIndex index) {
        if (index.verifiedAt() != null && index.verifiedAt().isAfter(at)) {
            return index;
        }
        return index.withVerification(passed, at, detail);
    }
}
