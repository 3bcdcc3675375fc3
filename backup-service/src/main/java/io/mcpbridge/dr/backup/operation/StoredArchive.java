package io.mcpbridge.dr.backup.operation;

import io.mcpbridge.dr.backup.archive.ArchiveIntegrityException;
import io.mcpbridge.dr.backup.archive.ArchiveReader;
import io.mcpbridge.dr.backup.archive.ArchiveWriter;
import io.mcpbridge.dr.backup.archive.Progress;
import io.mcpbridge.dr.events.backup.BackupIndex;
import java.io.IOException;
import java.io.InputStream;

/** Reads a stored archive through {@link ArchiveReader}, after the checks its index allows up front. */
final class StoredArchive {

    private StoredArchive() {}

    /**
     * @throws OperationFailedException    when the backup is not complete or needs another key
     * @throws ArchiveIntegrityException   when the archive is not what was stored
     */
    static ArchiveWriter.Written read(
            BackupContext context, BackupIndex index, Progress progress, ArchiveReader.EntryHandler handler)
            throws IOException {
        try (InputStream in = context.store().open(context.layout().archiveKey(index.id()))) {
            return read(context, index, in, progress, handler);
        }
    }

    /** The same, from a copy of the stored object ({@link LocalArchiveCopy}). */
    static ArchiveWriter.Written read(
            BackupContext context,
            BackupIndex index,
            InputStream in,
            Progress progress,
            ArchiveReader.EntryHandler handler)
            throws IOException {
        if (index.status() != BackupIndex.Status.COMPLETE) {
            throw new OperationFailedException(
                    "backup " + index.id() + " is " + index.status() + " and holds nothing to read");
        }
        if (index.keyId() != null && !index.keyId().equals(context.cipher().keyId())) {
            throw new OperationFailedException("backup " + index.id() + " was encrypted with key "
                    + index.keyId() + ", but this service holds key "
                    + context.cipher().keyId()
                    + ": configure the key it was made with");
        }
        ArchiveWriter.Written read = ArchiveReader.read(in, context.cipher(), index.id(), progress, handler);
        if (index.ciphertextSha256() != null && !index.ciphertextSha256().equals(read.ciphertextSha256())) {
            throw new ArchiveIntegrityException(
                    "archive " + index.id() + " does not match the SHA-256 its index" + " recorded");
        }
        return read;
    }
}
