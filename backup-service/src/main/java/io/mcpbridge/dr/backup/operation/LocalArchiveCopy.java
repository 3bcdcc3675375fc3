package io.mcpbridge.dr.backup.operation;

import io.mcpbridge.dr.events.backup.BackupIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A backup's stored archive, fetched once into a private local file: a restore proves these very bytes and
 * then applies them, so nothing it applies was read twice from the store (an object replaced between two
 * reads, or a second read that breaks off, cannot reach the target). The file holds only ciphertext, is
 * readable by this user alone, and is deleted on close.
 */
final class LocalArchiveCopy implements AutoCloseable {

    private final Path file;

    private LocalArchiveCopy(Path file) {
        this.file = file;
    }

    static LocalArchiveCopy fetch(BackupContext context, BackupIndex index) throws IOException {
        Path file = Files.createTempFile(
                "mcpdr-restore-" + index.id() + "-",
                ".enc",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (InputStream in = context.store().open(context.layout().archiveKey(index.id()))) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return new LocalArchiveCopy(file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    InputStream open() throws IOException {
        return Files.newInputStream(file);
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("the local archive copy " + file + " could not be deleted", e);
        }
    }
}
