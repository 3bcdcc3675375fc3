package io.mcpbridge.dr.backup.support;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpbridge.dr.backup.crypto.ArchiveCipher;
import io.mcpbridge.dr.backup.crypto.ArchiveKey;
import io.mcpbridge.dr.backup.operation.BackupContext;
import io.mcpbridge.dr.backup.operation.RestoreDestinations;
import io.mcpbridge.dr.backup.operation.Sources;
import io.mcpbridge.dr.backup.operation.Tuning;
import io.mcpbridge.dr.backup.redis.KeyPatterns;
import io.mcpbridge.dr.backup.redis.RedisEndpoint;
import io.mcpbridge.dr.backup.redis.SnapshotMethod;
import io.mcpbridge.dr.backup.store.BackupCatalog;
import io.mcpbridge.dr.backup.store.BucketLayout;
import io.mcpbridge.dr.backup.store.CatalogListener;
import io.mcpbridge.dr.backup.store.ObjectStore;
import io.mcpbridge.dr.backup.store.S3Clients;
import io.mcpbridge.dr.backup.store.S3ObjectStore;
import io.mcpbridge.dr.testing.S3Server;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/** Operation contexts over real peers, built the way the service builds them. */
public final class Contexts {

    private Contexts() {}

    public static ArchiveKey randomKey() {
        byte[] key = new byte[ArchiveKey.LENGTH_BYTES];
        new SecureRandom().nextBytes(key);
        return ArchiveKey.fromBase64(Base64.getEncoder().encodeToString(key), "test");
    }

    public static S3Client s3Client(S3Server server) {
        return S3Clients.create(
                Optional.of(server.endpoint()),
                "us-east-1",
                true,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(S3Server.ACCESS_KEY, S3Server.SECRET_KEY)));
    }

    /** The S3 store the service would use, with the smallest part size S3 allows, so parts are many. */
    public static S3ObjectStore s3Store(S3Server server) {
        return new S3ObjectStore(s3Client(server), S3Server.BUCKET, "", 5 * 1024 * 1024, 2);
    }

    public static Sources sources(Path configs, Path certs, String redisUrl, String namespace) {
        return new Sources(
                configs,
                certs,
                RedisEndpoint.parse(redisUrl, Optional.empty(), "test redis"),
                namespace,
                Optional.empty());
    }

    /** The service's defaults: Redis read as a replica, key by key when the server refuses. */
    public static Tuning tuning() {
        return tuning(Optional.empty());
    }

    public static Tuning tuning(Optional<SnapshotMethod> redisMethod) {
        return new Tuning(
                1024 * 1024,
                1000,
                1000,
                4,
                Duration.ofSeconds(30),
                new KeyPatterns(List.of("ratelimit:*")),
                Optional.empty(),
                "redis-server",
                100,
                redisMethod);
    }

    public static BackupContext context(
            ObjectStore store,
            ArchiveKey key,
            Clock clock,
            Vertx vertx,
            Supplier<KubernetesClient> kubernetes,
            Sources sources) {
        BucketLayout layout = new BucketLayout("");
        return new BackupContext(
                store,
                layout,
                new BackupCatalog(store, layout),
                new ArchiveCipher(key),
                clock,
                vertx,
                kubernetes,
                sources,
                tuning(),
                RestoreDestinations.originalOnly(sources));
    }

    /** The same context, its catalog telling {@code listener} of every change. */
    public static BackupContext tellingCatalogChanges(BackupContext context, CatalogListener listener) {
        return new BackupContext(
                context.store(),
                context.layout(),
                new BackupCatalog(context.store(), context.layout(), listener),
                context.cipher(),
                context.clock(),
                context.vertx(),
                context.kubernetes(),
                context.sources(),
                context.tuning(),
                context.destinations());
    }

    /** For contexts that must not touch a cluster. */
    public static Supplier<KubernetesClient> noKubernetes() {
        return () -> {
            throw new IllegalStateException("this test has no Kubernetes");
        };
    }
}
