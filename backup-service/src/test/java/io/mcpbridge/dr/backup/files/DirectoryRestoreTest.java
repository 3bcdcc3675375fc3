package io.mcpbridge.dr.backup.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.backup.BackupScope;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryRestoreTest {

    @TempDir
    Path dir;

    @Test
    void aStagedFileIsReadableByItsOwnerOnlyWhileItsContentIsWritten() throws IOException {
        Path certs = dir.resolve("certs");
        Path staged = dir.resolve(".certs.restore-test").resolve("gateway.key");
        List<Set<PosixFilePermission>> seenWhileWriting = new ArrayList<>();
        InputStream pem = new ByteArrayInputStream("-----BEGIN PRIVATE KEY-----\n".getBytes(StandardCharsets.UTF_8));
        InputStream key = new InputStream() {
            @Override
            public int read() throws IOException {
                look();
                return pem.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                look();
                return pem.read(buffer, offset, length);
            }

            private void look() throws IOException {
                if (Files.exists(staged)) {
                    seenWhileWriting.add(Files.getPosixFilePermissions(staged));
                }
            }
        };

        try (DirectoryRestore restore = new DirectoryRestore(certs, BackupScope.CERTS, "test", List.of())) {
            restore.write("certs/gateway.key", 0644, key);
            restore.commit();
        }

        assertThat(seenWhileWriting)
                .isNotEmpty()
                .allSatisfy(permissions ->
                        assertThat(PosixFilePermissions.toString(permissions)).isEqualTo("rw-------"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certs.resolve("gateway.key"))))
                .as("the archive's own mode once written")
                .isEqualTo("rw-r--r--");
    }
}
