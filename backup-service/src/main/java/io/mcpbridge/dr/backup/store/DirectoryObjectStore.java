package io.mcpbridge.dr.backup.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Backups in a local directory, for a laptop or the local stack: each key is a file. Writes go to a
 * temporary file beside the target and are renamed into place, so a reader never sees half an object.
 * Only ciphertext and index objects are written here, never plaintext.
 */
public final class DirectoryObjectStore implements ObjectStore {

    private final Path root;

    public DirectoryObjectStore(Path root) throws IOException {
        this.root = Files.createDirectories(root).toAbsolutePath().normalize();
    }

    @Override
    public Upload upload(String key) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        OutputStream out = Files.newOutputStream(temporary);
        return new Upload() {
            private boolean done;

            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void commit() throws IOException {
                out.close();
                move(temporary, target);
                done = true;
            }

            @Override
            public void abort() {
                if (!done) {
                    done = true;
                    try {
                        out.close();
                        Files.deleteIfExists(temporary);
                    } catch (IOException ignored) {
                        // a stray .part file is harmless and named as such
                    }
                }
            }
        };
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return Files.newInputStream(resolve(key));
        } catch (NoSuchFileException e) {
            throw new NoSuchObjectException(key);
        }
    }

    @Override
    public boolean create(String key, byte[] content) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        Files.write(temporary, content);
        try {
            // A hard link is created whole or not at all, and never over an existing file: create-once.
            Files.createLink(target, temporary);
            return true;
        } catch (FileAlreadyExistsException e) {
            return Arrays.equals(Files.readAllBytes(target), content);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public Optional<byte[]> get(String key) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .filter(key -> key.startsWith(prefix))
                    .sorted()
                    .toList();
        }
    }

    @Override
    public void delete(Collection<String> keys) throws IOException {
        for (String key : keys) {
            Files.deleteIfExists(resolve(key));
        }
    }

    @Override
    public String describe() {
        return root.toUri().toString();
    }

    private Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("key outside the store: " + key);
        }
        return path;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
