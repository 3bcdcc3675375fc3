package io.mcpbridge.dr.backup.support;

import io.mcpbridge.dr.backup.redis.RedisEndpoint;
import io.mcpbridge.dr.backup.redis.RedisSession;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.RedisServer;
import io.mcpbridge.dr.testing.S3Server;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The peers of a running backup-service: a real S3 server, a redis-server holding MCP Bridge sessions,
 * and config and certificate trees on disk; the store and the catalog topic disagree as
 * {@link CatalogBeforeStart} says. Tests reach them through the static accessors.
 */
public class BackupPeersResource implements QuarkusTestResourceLifecycleManager {

    public static final int SESSIONS = 50_000;
    /** The service's key prefix in the bucket. */
    public static final String PREFIX = "service-test/";

    private static S3Server s3;
    private static RedisServer redis;
    private static Path files;

    @Override
    public Map<String, String> start() {
        s3 = S3Server.start();
        redis = RedisServer.start();
        Vertx vertx = Vertx.vertx();
        try (RedisSession session = RedisSession.open(
                vertx, RedisEndpoint.parse(redis.uri(), Optional.empty(), "test redis"), Duration.ofSeconds(30))) {
            RedisData.loadSessions(session, SESSIONS, 3);
            RedisData.loadOtherTypes(session);
            files = Files.createTempDirectory("backup-service-files");
            Files.createDirectories(files.resolve("etc/mcp-bridge/certs"));
            Files.writeString(files.resolve("etc/mcp-bridge/gateway.yaml"), "listen: 8443\n");
            Files.writeString(files.resolve("etc/mcp-bridge/VERSION"), "1.0.0\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            vertx.close();
        }
        CatalogBeforeStart.plant(s3, PREFIX, KafkaBroker.shared().bootstrapServers());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Map.ofEntries(
                Map.entry("mcpdr.backup.key", Base64.getEncoder().encodeToString(key)),
                Map.entry("mcpdr.backup.store.kind", "s3"),
                Map.entry("mcpdr.backup.store.endpoint", s3.endpoint().toString()),
                Map.entry("mcpdr.backup.store.path-style", "true"),
                Map.entry("mcpdr.backup.store.bucket", S3Server.BUCKET),
                Map.entry("mcpdr.backup.store.prefix", PREFIX),
                Map.entry("mcpdr.backup.store.access-key-id", S3Server.ACCESS_KEY),
                Map.entry("mcpdr.backup.store.secret-access-key", S3Server.SECRET_KEY),
                Map.entry("mcpdr.backup.store.part-mib", "5"),
                Map.entry("mcpdr.backup.redis.url", redis.uri()),
                Map.entry(
                        "mcpdr.backup.configs.directory",
                        files.resolve("etc/mcp-bridge").toString()),
                Map.entry(
                        "mcpdr.backup.certs.directory",
                        files.resolve("etc/mcp-bridge/certs").toString()),
                Map.entry("mcpdr.backup.scopes", "configs,certs,redis"),
                Map.entry("mcpdr.backup.progress-interval", "50ms"),
                Map.entry("mcpdr.backup.chunk-mib", "1"));
    }

    public static RedisServer redis() {
        return redis;
    }

    public static S3Server s3() {
        return s3;
    }

    @Override
    public void stop() {
        if (redis != null) {
            redis.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }
}
