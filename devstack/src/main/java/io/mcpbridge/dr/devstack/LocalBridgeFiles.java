package io.mcpbridge.dr.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;

/** What the local run's backups read: a small MCP Bridge configuration tree, and the archive key. */
final class LocalBridgeFiles {

    private LocalBridgeFiles() {}

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

    /**
     * The local run's runbooks ({@code local-runbooks.yaml}: service failures restart the simulated MCP Bridge
     * through its control API), copied where the coordinator reads its runbooks file.
     */
    static Path localRunbooks(Path dir) throws IOException {
        return copied("local-runbooks.yaml", dir.resolve("coordinator-runbooks.yaml"));
    }

    /**
     * The local run's drills ({@code local-drills.yaml}: the scopes it has, on short periods), copied where the
     * coordinator reads its drill file.
     */
    /**
     * The local drills, the full drill restoring configs and certificates into {@code scratch} (a directory
     * backup-service is told is disposable).
     */
    static Path localDrills(Path dir, Path scratch) throws IOException {
        Path file = copied("local-drills.yaml", dir.resolve("coordinator-drills.yaml"));
        Files.writeString(file, Files.readString(file).replace("@DRILL_SCRATCH@", scratch.toString()));
        return file;
    }

    private static Path copied(String resource, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (InputStream content = LocalBridgeFiles.class.getResourceAsStream("/" + resource)) {
            if (content == null) {
                throw new IOException(resource + " is missing from the launcher's classpath");
            }
            Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /** A local secret key (archive, command signing): 32 random bytes, base64, made once, owner-only. */
    static String randomKey(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(file.getParent());
            LocalKeys.writePrivate(file, Base64.getEncoder().encodeToString(key) + "\n");
        }
        return Files.readString(file).strip();
    }

    private static void writeOnce(Path file, String content) throws IOException {
        if (!Files.exists(file)) {
            Files.writeString(file, content);
        }
    }
}
