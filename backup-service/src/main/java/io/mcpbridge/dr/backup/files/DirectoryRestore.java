package io.mcpbridge.dr.backup.files;

import io.mcpbridge.dr.backup.archive.ArchiveLayout;
import io.mcpbridge.dr.events.backup.BackupScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Restores a directory tree without ever leaving it half-written: files go to a staging directory beside
 * the target; only when every file is there is the target swapped for it (two renames on one file system),
 * and the replaced tree is removed. If anything fails first, the staging directory is removed and the
 * target is as it was.
 */
public final class DirectoryRestore implements AutoCloseable {

    private final Path target;
    private final Path staging;
    private final String scopePrefix;
    private final List<Path> carriedOver;
    private boolean swapped;
    private long files;

    /**
     * @param target      the directory to replace (created if missing)
     * @param scope       the scope whose entries belong here
     * @param tag         a unique tag for the staging directory's name (the backup id)
     * @param carriedOver directories inside the target that belong to another scope (the certificate tree
     *                    inside the config tree): moved from the old tree into the new one as they are
     */
    public DirectoryRestore(Path target, BackupScope scope, String tag, List<Path> carriedOver) throws IOException {
        this.target = target.toAbsolutePath().normalize();
        this.scopePrefix = ArchiveLayout.folder(scope);
        this.carriedOver = carriedOver.stream()
                .map(path -> path.toAbsolutePath().normalize())
                .filter(path -> path.startsWith(this.target) && !path.equals(this.target))
                .toList();
        Path parent = this.target.getParent();
        Files.createDirectories(parent);
        this.staging = parent.resolve("." + this.target.getFileName() + ".restore-" + tag);
        deleteTree(staging);
        Files.createDirectories(staging);
    }

    /** Writes one archive entry into the staging directory with its mode. */
    public void write(String entryName, int mode, InputStream content) throws IOException {
        String relative = entryName.substring(scopePrefix.length());
        Path file = staging.resolve(relative).normalize();
        if (relative.isEmpty() || !file.startsWith(staging) || file.equals(staging)) {
            throw new IOException("archive entry " + entryName + " points outside its directory");
        }
        Files.createDirectories(file.getParent());
        // Owner-only while it is written: a private key must not be readable by others for a moment either.
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file)) {
            content.transferTo(out);
        }
        Files.setPosixFilePermissions(file, permissions(mode));
        files++;
    }

    /** Swaps the staged tree in. */
    public long commit() throws IOException {
        Path replaced = target.resolveSibling("." + target.getFileName() + ".replaced-" + staging.getFileName());
        boolean hadTarget = Files.exists(target);
        for (Path other : carriedOver) {
            Path staged = staging.resolve(target.relativize(other));
            if (hadTarget && Files.exists(other) && !Files.exists(staged)) {
                Files.createDirectories(staged.getParent());
                Files.move(other, staged, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        if (hadTarget) {
            Files.move(target, replaced, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (hadTarget) {
                Files.move(replaced, target, StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        }
        swapped = true;
        if (hadTarget) {
            deleteTree(replaced);
        }
        return files;
    }

    /** Removes the staging directory unless it was swapped in. */
    @Override
    public void close() throws IOException {
        if (!swapped) {
            deleteTree(staging);
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission permission : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - permission.ordinal()))) != 0) {
                permissions.add(permission);
            }
        }
        return permissions;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
