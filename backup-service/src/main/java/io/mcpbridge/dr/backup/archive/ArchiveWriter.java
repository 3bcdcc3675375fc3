package io.mcpbridge.dr.backup.archive;

import com.github.luben.zstd.ZstdOutputStream;
import io.mcpbridge.dr.backup.crypto.ArchiveCipher;
import io.mcpbridge.dr.events.json.EventJson;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes one archive as a stream: tar entries, then {@code manifest.json}, compressed with zstd, encrypted
 * with {@link ArchiveCipher}, into a sink (an S3 multipart upload). Nothing is staged: memory is a few
 * buffers whatever the archive's size. Every entry's size and SHA-256 are recorded for the manifest, and
 * the ciphertext's SHA-256 for the index.
 *
 * <p>Compression is zstd at level 1: on this kind of data (JSON sessions and configs) it compresses about
 * as well as gzip -6 at several times gzip's speed, and decompresses faster still, so the pipeline is
 * bound by reading Redis rather than by the CPU.
 */
public final class ArchiveWriter implements Closeable {

    /** The compression recorded in manifests and index objects. */
    public static final String COMPRESSION = "zstd-1";

    private static final int BUFFER_BYTES = 256 * 1024;

    private final CountingDigestOutputStream ciphertext;
    private final TarArchiveOutputStream tar;
    private final Progress progress;
    private final List<ManifestEntry> entries = new ArrayList<>();
    private final byte[] copyBuffer = new byte[BUFFER_BYTES];
    private boolean finished;

    public ArchiveWriter(OutputStream sink, ArchiveCipher cipher, String backupId, Progress progress)
            throws IOException {
        this.ciphertext = new CountingDigestOutputStream(sink);
        this.progress = progress;
        OutputStream encrypted = cipher.encrypt(ciphertext, backupId);
        ZstdOutputStream compressed = new ZstdOutputStream(encrypted, 1);
        this.tar = new TarArchiveOutputStream(new BufferedOutputStream(compressed, BUFFER_BYTES));
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    /** Adds a regular file under {@code name}, keeping its mode and modification time. */
    public void addFile(String name, Path file) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(attributes.size());
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~0777 | modeBits(attributes.permissions()));
        entry.setModTime(attributes.lastModifiedTime());
        MessageDigest digest = Sha256.newDigest();
        long written = 0;
        tar.putArchiveEntry(entry);
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while (written < attributes.size()
                    && (n = in.read(copyBuffer, 0, (int) Math.min(copyBuffer.length, attributes.size() - written)))
                            > 0) {
                tar.write(copyBuffer, 0, n);
                digest.update(copyBuffer, 0, n);
                written += n;
                progress.addBytes(n);
            }
        }
        if (written != attributes.size()) {
            throw new IOException(
                    name + " shrank while it was read (" + written + " of " + attributes.size() + " bytes)");
        }
        tar.closeArchiveEntry();
        record(name, written, digest);
    }

    /** Adds {@code length} bytes of {@code data} under {@code name}. */
    public void addBytes(String name, byte[] data, int length, int mode, Instant modified) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(length);
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~0777 | mode);
        entry.setModTime(FileTime.from(modified));
        tar.putArchiveEntry(entry);
        tar.write(data, 0, length);
        tar.closeArchiveEntry();
        MessageDigest digest = Sha256.newDigest();
        digest.update(data, 0, length);
        progress.addBytes(length);
        record(name, length, digest);
    }

    /**
     * Writes the manifest as the last entry and ends every layer of the stream. The sink is flushed, not
     * closed: committing the upload is the caller's decision.
     *
     * @param header the manifest without its entries; they are filled in here
     */
    public Written finish(Manifest header) throws IOException {
        Manifest manifest = new Manifest(
                Manifest.FORMAT_VERSION,
                header.id(),
                header.createdAt(),
                header.bridgeVersion(),
                header.scopes(),
                header.keyId(),
                COMPRESSION,
                ArchiveCipher.ALGORITHM,
                header.counts(),
                header.certificates(),
                List.copyOf(entries),
                header.redisMethod());
        byte[] json = EventJson.toBytes(manifest);
        TarArchiveEntry entry = new TarArchiveEntry(Manifest.ENTRY_NAME);
        entry.setSize(json.length);
        entry.setModTime(new Date(header.createdAt().toEpochMilli()));
        tar.putArchiveEntry(entry);
        tar.write(json);
        tar.closeArchiveEntry();
        tar.finish();
        tar.close(); // ends the zstd frame and the last encrypted segment; the sink only flushes
        finished = true;
        return new Written(manifest, ciphertext.count(), ciphertext.sha256());
    }

    /** Abandons an unfinished archive; the caller aborts the upload. */
    @Override
    public void close() throws IOException {
        if (!finished) {
            finished = true;
            try {
                tar.close();
            } catch (IOException | RuntimeException ignored) {
                // the archive is being abandoned: a failure to end it cleanly changes nothing
            }
        }
    }

    private void record(String name, long size, MessageDigest digest) {
        entries.add(new ManifestEntry(name, size, Sha256.hex(digest)));
        progress.addEntry();
    }

    static int modeBits(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 1 << (8 - permission.ordinal());
        }
        return mode;
    }

    /**
     * What was written.
     *
     * @param manifest         the manifest, entries included
     * @param ciphertextBytes  the stored object's size
     * @param ciphertextSha256 the stored object's SHA-256, hex
     */
    public record Written(Manifest manifest, long ciphertextBytes, String ciphertextSha256) {}
}
