package io.mcpbridge.dr.backup.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.dr.backup.crypto.ArchiveCipher;
import io.mcpbridge.dr.backup.crypto.ArchiveKey;
import io.mcpbridge.dr.backup.support.Contexts;
import io.mcpbridge.dr.events.backup.BackupScope;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive format on its own: what goes in comes out, and nothing altered is ever accepted. */
class ArchiveFormatTest {

    private static final String ID = "20261017T091402Z-4be1c0";

    private final ArchiveKey key = Contexts.randomKey();
    private final ArchiveCipher cipher = new ArchiveCipher(key);

    @TempDir
    Path dir;

    @Test
    void entriesComeBackWithTheirModesAndTheManifestListsEachHash() throws IOException {
        Path file = Files.writeString(dir.resolve("gateway.yaml"), "listen: 8443\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        byte[] archive = write(file, 3 * 1024 * 1024);

        Map<String, Integer> modes = new LinkedHashMap<>();
        Map<String, byte[]> contents = new LinkedHashMap<>();
        ArchiveWriter.Written read = ArchiveReader.read(
                new ByteArrayInputStream(archive), cipher, ID, new Progress(), (name, mode, content) -> {
                    modes.put(name, mode & 0777);
                    contents.put(name, content.readAllBytes());
                });

        assertThat(modes).containsEntry("configs/gateway.yaml", 0640).containsKey("redis/keys-000001.bin");
        assertThat(new String(contents.get("configs/gateway.yaml"), StandardCharsets.UTF_8))
                .isEqualTo("listen: 8443\n");
        assertThat(contents.get("redis/keys-000001.bin")).hasSize(3 * 1024 * 1024);
        assertThat(read.manifest().entries())
                .extracting(ManifestEntry::path)
                .containsExactly("configs/gateway.yaml", "redis/keys-000001.bin");
        assertThat(read.manifest().entries().get(0).sha256()).isEqualTo(Sha256.hex("listen: 8443\n".getBytes()));
        assertThat(read.manifest().keyId()).isEqualTo(key.id());
        assertThat(read.ciphertextSha256()).isEqualTo(Sha256.hex(archive));
    }

    @Test
    void theManifestNeverHoldsTheKey() throws IOException {
        byte[] archive = write(Files.writeString(dir.resolve("a"), "a"), 10);
        String manifest = new String(ArchiveReader.read(
                        new ByteArrayInputStream(archive), cipher, ID, new Progress(), (name, mode, content) -> {})
                .manifest()
                .toString());

        assertThat(manifest).contains(key.id());
        assertThat(key.toString()).isEqualTo("ArchiveKey[" + key.id() + "]");
    }

    @Test
    void anyFlippedByteFailsAuthentication() throws IOException {
        byte[] archive = write(Files.writeString(dir.resolve("a"), "a"), 3 * 1024 * 1024);
        for (int position : new int[] {0, 40, archive.length / 2, archive.length - 1}) {
            byte[] altered = archive.clone();
            altered[position] ^= 0x01;

            assertThatThrownBy(() -> readAll(altered, cipher, ID))
                    .as("byte %d flipped", position)
                    .isInstanceOf(ArchiveIntegrityException.class)
                    .hasMessageContaining("failed authentication");
        }
    }

    @Test
    void aTruncatedArchiveFails() throws IOException {
        byte[] archive = write(Files.writeString(dir.resolve("a"), "a"), 3 * 1024 * 1024);
        byte[] truncated = Arrays.copyOf(archive, archive.length - 100);

        assertThatThrownBy(() -> readAll(truncated, cipher, ID)).isInstanceOf(ArchiveIntegrityException.class);
    }

    @Test
    void anotherKeyOrAnotherBackupIdFails() throws IOException {
        byte[] archive = write(Files.writeString(dir.resolve("a"), "a"), 1000);

        assertThatThrownBy(() -> readAll(archive, new ArchiveCipher(Contexts.randomKey()), ID))
                .isInstanceOf(ArchiveIntegrityException.class)
                .hasMessageContaining("another key");
        assertThatThrownBy(() -> readAll(archive, cipher, "20261017T091402Z-000000"))
                .isInstanceOf(ArchiveIntegrityException.class);
    }

    @Test
    void keysThatAreNotBase64Of32BytesAreRefusedWithoutQuotingThem() {
        assertThatThrownBy(() -> ArchiveKey.fromBase64("c2VjcmV0LXBhc3N3b3Jk", "MCPDR_BACKUP_KEY"))
                .hasMessageContaining("MCPDR_BACKUP_KEY")
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining("c2VjcmV0");
        assertThatThrownBy(() -> ArchiveKey.fromBase64("not base64 at all!", "MCPDR_BACKUP_KEY"))
                .hasMessageContaining("not base64")
                .hasMessageNotContaining("at all");
    }

    private byte[] write(Path file, int chunkBytes) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        byte[] chunk = new byte[chunkBytes];
        new Random(1).nextBytes(chunk);
        try (ArchiveWriter writer = new ArchiveWriter(sink, cipher, ID, new Progress())) {
            writer.addFile("configs/" + file.getFileName(), file);
            writer.addBytes("redis/keys-000001.bin", chunk, chunk.length, 0600, Instant.now());
            writer.finish(new Manifest(
                    0,
                    ID,
                    Instant.parse("2026-10-17T09:14:02Z"),
                    "1.0.0",
                    List.of(BackupScope.CONFIGS, BackupScope.REDIS),
                    key.id(),
                    null,
                    null,
                    Map.of("configs", 1L),
                    List.of(),
                    List.of(),
                    "replication"));
        }
        return sink.toByteArray();
    }

    private static void readAll(byte[] archive, ArchiveCipher cipher, String id) throws IOException {
        ArchiveReader.read(new ByteArrayInputStream(archive), cipher, id, new Progress(), (name, mode, content) -> {});
    }
}
