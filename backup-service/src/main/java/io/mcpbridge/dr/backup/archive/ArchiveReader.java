package io.mcpbridge.dr.backup.archive;

import com.github.luben.zstd.ZstdInputStream;
import io.mcpbridge.dr.backup.crypto.ArchiveCipher;
import io.mcpbridge.dr.events.json.EventJson;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads an archive back as a stream and proves it whole: every segment must authenticate, every entry
 * must match the manifest's size and SHA-256, in order, and the manifest must be the last entry. The
 * caller's handler sees each entry as it is read; whatever it does with it must be provisional until
 * {@link #read} returns, because a later entry may still fail. That is why restores read an archive twice:
 * once to prove it, once to apply it.
 */
public final class ArchiveReader {

    private static final int BUFFER_BYTES = 256 * 1024;

    private ArchiveReader() {}

    /** Receives each entry but the manifest. The stream ends at the entry's end; it need not be read. */
    @FunctionalInterface
    public interface EntryHandler {
        void entry(String name, int mode, InputStream content) throws IOException;
    }

    /**
     * Reads and checks the whole archive.
     *
     * @return the manifest and the ciphertext's size and SHA-256
     * @throws ArchiveIntegrityException when anything does not match or does not authenticate
     * @throws IOException               when the source cannot be read
     */
    public static ArchiveWriter.Written read(
            InputStream source, ArchiveCipher cipher, String backupId, Progress progress, EntryHandler handler)
            throws IOException {
        CountingDigestInputStream ciphertext = new CountingDigestInputStream(source);
        List<ManifestEntry> seen = new ArrayList<>();
        Manifest manifest = null;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(
                new ZstdInputStream(new BufferedInputStream(cipher.decrypt(ciphertext, backupId), BUFFER_BYTES)),
                BUFFER_BYTES))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (manifest != null) {
                    throw new ArchiveIntegrityException("archive " + backupId + " has entries after its manifest");
                }
                if (Manifest.ENTRY_NAME.equals(entry.getName())) {
                    manifest = EventJson.fromBytes(tar.readAllBytes(), Manifest.class);
                    continue;
                }
                CountingDigestInputStream content = new CountingDigestInputStream(new EntryStream(tar));
                handler.entry(entry.getName(), entry.getMode(), content);
                content.skip(Long.MAX_VALUE);
                seen.add(new ManifestEntry(entry.getName(), content.count(), content.sha256()));
                progress.addBytes(content.count());
                progress.addEntry();
            }
            // Reads to the end of the stream, so a truncated or extended final segment fails here too.
            ciphertext.skip(Long.MAX_VALUE);
        } catch (IOException e) {
            if (authenticationFailure(e)) {
                throw new ArchiveIntegrityException(
                        "archive " + backupId + " failed authentication: it was"
                                + " altered or truncated, or it was encrypted with another key",
                        e);
            }
            throw e;
        }
        if (manifest == null) {
            throw new ArchiveIntegrityException("archive " + backupId + " has no manifest");
        }
        check(manifest, seen, backupId, cipher.keyId());
        return new ArchiveWriter.Written(manifest, ciphertext.count(), ciphertext.sha256());
    }

    private static void check(Manifest manifest, List<ManifestEntry> seen, String backupId, String keyId) {
        if (manifest.formatVersion() != Manifest.FORMAT_VERSION) {
            throw new ArchiveIntegrityException("archive " + backupId + " has format version "
                    + manifest.formatVersion() + ", this service reads " + Manifest.FORMAT_VERSION);
        }
        if (!backupId.equals(manifest.id())) {
            throw new ArchiveIntegrityException("archive " + backupId + " carries the manifest of " + manifest.id());
        }
        List<ManifestEntry> expected = manifest.entries() == null ? List.of() : manifest.entries();
        int common = Math.min(expected.size(), seen.size());
        for (int i = 0; i < common; i++) {
            ManifestEntry want = expected.get(i);
            ManifestEntry got = seen.get(i);
            if (!want.path().equals(got.path())) {
                throw new ArchiveIntegrityException("archive " + backupId + ": entry " + (i + 1) + " is " + got.path()
                        + ", the manifest says " + want.path());
            }
            if (want.size() != got.size() || !want.sha256().equals(got.sha256())) {
                throw new ArchiveIntegrityException(
                        "archive " + backupId + ": " + got.path() + " does not match its manifest hash");
            }
        }
        if (expected.size() != seen.size()) {
            throw new ArchiveIntegrityException("archive " + backupId + " holds " + seen.size()
                    + " entries, its manifest lists " + expected.size());
        }
    }

    private static boolean authenticationFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof GeneralSecurityException) {
                return true;
            }
            String message = t.getMessage();
            if (message != null
                    && (message.startsWith("Decryption failed")
                            || message.startsWith("Ciphertext is too short")
                            || message.contains("Tag mismatch"))) {
                return true;
            }
        }
        return false;
    }

    /** The current tar entry's content; closing it does not close the tar stream. */
    private static final class EntryStream extends InputStream {
        private final TarArchiveInputStream tar;

        EntryStream(TarArchiveInputStream tar) {
            this.tar = tar;
        }

        @Override
        public int read() throws IOException {
            return tar.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return tar.read(b, off, len);
        }

        @Override
        public void close() {
            // the entry ends where the tar stream says; the archive stays open
        }
    }
}
