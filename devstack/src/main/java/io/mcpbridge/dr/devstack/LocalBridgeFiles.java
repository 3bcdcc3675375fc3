package io.mcpbridge.dr.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** What the local run's backups read: a small MCP Bridge configuration tree, and the archive key. */
final class LocalBridgeFiles {

    private LocalBridgeFiles() {
    }

    /** Creates {@code <dir>/etc} with a gateway and router configuration and a VERSION file, once. */
    static Path ensure(Path dir) throws IOException {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.createDirectories(etc.resolve("certs"));
        writeOnce(etc.resolve("VERSION"), "1.0.0\n");
        writeOnce(etc.resolve("gateway.yaml"), """
                server:
                  port: 8443
                  health_port: 8080
                redis:
                  address: 127.0.0.1:16379
                session:
                  ttl: 24h
                """);
        writeOnce(etc.resolve("router.yaml"), """
                gateway_pool:
                  endpoints:
                    - url: wss://127.0.0.1:8443
                """);
        return etc;
    }

    /** The local archive key: 32 random bytes, base64, made on first use and readable by the owner only. */
    static String archiveKey(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(file.getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return Files.readString(file).strip();
    }

    private static void writeOnce(Path file, String content) throws IOException {
        if (!Files.exists(file)) {
            Files.writeString(file, content);
        }
    }
}
