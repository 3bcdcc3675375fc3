package io.mcpbridge.dr.backup.files;

import io.mcpbridge.dr.backup.archive.ArchiveLayout;
import io.mcpbridge.dr.events.backup.BackupScope;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The regular files of a directory tree, in a stable order, named for the archive by {@link ArchiveLayout#file}. A symbolic link to a file is backed up as the file it points to (a
 * Kubernetes ConfigMap volume is made of such links); names starting with {@code ..} are the atomic
 * writer's internals of such volumes and are left out, as are links to directories (no loops).
 */
public final class FileTree {

    /** A file and its name in the archive. */
    public record File(String name, Path path) {}

    private FileTree() {}

    public static List<File> list(Path root, BackupScope scope) throws IOException {
        List<File> files = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            throw new IOException(scope.wireName() + " directory " + root + " does not exist");
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return !dir.equals(root) && dir.getFileName().toString().startsWith("..")
                        ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (file.getFileName().toString().startsWith("..")) {
                    return FileVisitResult.CONTINUE;
                }
                if (attributes.isRegularFile() || attributes.isSymbolicLink() && Files.isRegularFile(file)) {
                    files.add(new File(
                            ArchiveLayout.file(
                                    scope, root.relativize(file).toString().replace('\\', '/')),
                            file));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(Comparator.comparing(File::name));
        return files;
    }
}
