package io.mcpbridge.dr.backup.archive;

/**
 * The archive is not what was stored: it fails authentication, a hash or size differs from the manifest,
 * or the manifest is missing or does not match the entries. Nothing may be restored from it.
 */
public class ArchiveIntegrityException extends RuntimeException {

    public ArchiveIntegrityException(String message) {
        super(message);
    }

    public ArchiveIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
