package io.mcpbridge.dr.backup.config;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpbridge.dr.backup.catalog.CatalogPublisher;
import io.mcpbridge.dr.backup.crypto.ArchiveCipher;
import io.mcpbridge.dr.backup.crypto.ArchiveKey;
import io.mcpbridge.dr.backup.lease.ScopeLeases;
import io.mcpbridge.dr.backup.operation.BackupContext;
import io.mcpbridge.dr.backup.operation.RestoreDestinations;
import io.mcpbridge.dr.backup.operation.Sources;
import io.mcpbridge.dr.backup.operation.Tuning;
import io.mcpbridge.dr.backup.redis.KeyPatterns;
import io.mcpbridge.dr.backup.redis.RedisEndpoint;
import io.mcpbridge.dr.backup.redis.SnapshotMethods;
import io.mcpbridge.dr.backup.store.BackupCatalog;
import io.mcpbridge.dr.backup.store.BucketLayout;
import io.mcpbridge.dr.backup.store.DirectoryObjectStore;
import io.mcpbridge.dr.backup.store.ObjectStore;
import io.mcpbridge.dr.backup.store.RetentionPolicy;
import io.mcpbridge.dr.backup.store.S3Clients;
import io.mcpbridge.dr.backup.store.S3ObjectStore;
import io.mcpbridge.dr.events.trust.RecordAuthenticator;
import io.mcpbridge.dr.events.trust.RecordSigner;
import io.mcpbridge.dr.events.trust.Trust;
import io.quarkus.arc.DefaultBean;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/** Builds the store, the cipher and the operations' context from {@link BackupConfig}, failing fast. */
public class BackupBeans {

    private static final Logger LOG = Logger.getLogger(BackupBeans.class);

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    ArchiveCipher cipher(BackupConfig config, AfterStart afterStart) {
        ArchiveCipher cipher = new ArchiveCipher(key(config));
        afterStart.run("the cipher's warm-up", ArchiveCipher::warmUp);
        return cipher;
    }

    @Produces
    @Singleton
    @DefaultBean
    ObjectStore store(BackupConfig config) {
        BackupConfig.Store store = config.store();
        if (store.kind() == BackupConfig.Store.Kind.DIRECTORY) {
            try {
                return new DirectoryObjectStore(store.directory());
            } catch (IOException e) {
                throw new UncheckedIOException("the backup directory cannot be created", e);
            }
        }
        return new S3ObjectStore(
                s3(store), store.bucket(), store.prefix(), store.partMib() * 1024 * 1024, store.partsInFlight());
    }

    void closeStore(@Disposes ObjectStore store) throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Produces
    @Singleton
    RetentionPolicy retention(BackupConfig config) {
        return new RetentionPolicy(
                config.retention().maxAge(), config.retention().keepVerified());
    }

    @Produces
    @Singleton
    BackupContext context(
            BackupConfig config,
            ObjectStore store,
            ArchiveCipher cipher,
            Clock clock,
            Vertx vertx,
            Instance<KubernetesClient> kubernetes,
            CatalogPublisher catalogTopic) {
        BucketLayout layout = new BucketLayout(
                config.store().kind() == BackupConfig.Store.Kind.S3
                        ? config.store().prefix()
                        : "");
        Sources sources = new Sources(
                config.configs().directory(),
                config.certs().directory(),
                RedisEndpoint.parse(config.redis().url(), config.redis().password(), "mcpdr.backup.redis.url"),
                config.kubernetes().namespace(),
                config.configs().versionFile());
        Tuning tuning = new Tuning(
                config.chunkMib() * 1024 * 1024,
                config.redis().scanCount(),
                config.redis().restoreBatch(),
                config.redis().restoreBatchesInFlight(),
                config.redis().timeout(),
                new KeyPatterns(config.redis().skipPatterns()),
                config.redis().password(),
                config.verify().redisServer(),
                config.verify().sampleSize(),
                SnapshotMethods.parse(config.redis().method(), "mcpdr.backup.redis.method"));
        RestoreDestinations destinations = RestoreDestinations.originalOnly(sources)
                .withNamespaces(config.targets().namespaces())
                .withDirectories(config.targets().directories().orElse(List.of()))
                .withDisposable(new RestoreDestinations.Disposable(
                        Set.copyOf(config.targets().disposable().redis()),
                        Set.copyOf(config.targets().disposable().namespaces()),
                        Set.copyOf(config.targets().disposable().directories().orElse(List.of()))));
        for (Map.Entry<String, String> target : config.targets().redis().entrySet()) {
            destinations = destinations.withRedis(
                    target.getKey(),
                    RedisEndpoint.parse(
                            target.getValue(),
                            config.redis().password(),
                            "mcpdr.backup.targets.redis." + target.getKey()));
        }
        return new BackupContext(
                store,
                layout,
                new BackupCatalog(store, layout, catalogTopic),
                cipher,
                clock,
                vertx,
                kubernetes::get,
                sources,
                tuning,
                destinations);
    }

    @Produces
    @Singleton
    ScopeLeases leases(BackupConfig config, BackupContext context, Clock clock) {
        return new ScopeLeases(
                context.store(),
                context.layout(),
                config.leases().holder().orElseGet(BackupBeans::instanceName),
                config.leases().ttl(),
                clock);
    }

    void closeLeases(@Disposes ScopeLeases leases) {
        leases.close();
    }

    /** The pod's name in Kubernetes (its host name), and the process, which tells instances on one host apart. */
    private static String instanceName() {
        String host = System.getenv().getOrDefault("HOSTNAME", "");
        if (host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "backup-service";
            }
        }
        return host + "/" + ProcessHandle.current().pid();
    }

    /** Whose commands are believed; the trust file is read again when it changes. */
    @Produces
    @Singleton
    RecordAuthenticator authenticator(BackupConfig config, Clock clock) {
        return Trust.authenticator(config.trust(), clock, problem -> LOG.error(problem));
    }

    /** backup-service's own signer: without it nobody could believe its results, so it does not start. */
    @Produces
    @Singleton
    RecordSigner signer(BackupConfig config) {
        return Trust.signer(config.trust(), "backup-service")
                .orElseThrow(() -> new IllegalStateException(
                        "no signing key (mcpdr.backup.trust.signing.key or key-file): results and scheduled commands must be "
                                + "signed; make one with 'drctl keygen' or 'openssl genpkey -algorithm ed25519'"));
    }

    private static ArchiveKey key(BackupConfig config) {
        if (config.key().isPresent() && config.keyFile().isPresent()) {
            throw new IllegalStateException("set mcpdr.backup.key or mcpdr.backup.key-file, not both");
        }
        if (config.keyFile().isPresent()) {
            try {
                return ArchiveKey.fromBase64(
                        Files.readString(config.keyFile().get(), StandardCharsets.US_ASCII), "mcpdr.backup.key-file");
            } catch (IOException e) {
                throw new IllegalStateException(
                        "mcpdr.backup.key-file cannot be read: " + e.getClass().getSimpleName());
            }
        }
        return ArchiveKey.fromBase64(config.key().orElse(null), "mcpdr.backup.key (MCPDR_BACKUP_KEY)");
    }

    /**
     * The client of the store's bucket, built at its first use (after the start: see {@link S3ObjectStore}); the
     * settings are checked now, so a wrong one still stops the start.
     */
    private static Supplier<S3Client> s3(BackupConfig.Store store) {
        if (store.accessKeyId().isPresent() != store.secretAccessKey().isPresent()) {
            throw new IllegalStateException("set both mcpdr.backup.store.access-key-id and secret-access-key, or"
                    + " neither (the AWS default credentials chain)");
        }
        Optional<URI> endpoint;
        try {
            endpoint = store.endpoint().map(URI::create);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("mcpdr.backup.store.endpoint is not a URL");
        }
        return () -> S3Clients.create(endpoint, store.region(), store.pathStyle(), credentials(store));
    }

    private static AwsCredentialsProvider credentials(BackupConfig.Store store) {
        return store.accessKeyId().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        store.accessKeyId().get(), store.secretAccessKey().get()))
                : DefaultCredentialsProvider.builder().build();
    }
}
