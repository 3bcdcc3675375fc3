package io.mcpbridge.dr.backup.config;

import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.trust.TrustConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** backup-service settings, under {@code mcpdr.backup}. Secrets come from the environment or files. */
@ConfigMapping(prefix = "mcpdr.backup")
public interface BackupConfig {

    /**
     * The archive key, base64 of 32 random bytes ({@code MCPDR_BACKUP_KEY}, from a Secret). Either this or
     * {@link #keyFile()}; without a key the service refuses to start.
     */
    Optional<String> key();

    /** A file holding the base64 key (a mounted Secret). */
    Optional<Path> keyFile();

    /** The scopes a backup takes when a command names none. */
    @WithDefault("configs,certs,redis,kubernetes")
    List<BackupScope> scopes();

    /**
     * Whose commands are believed (the coordinator, engineers, drills, and backup-service itself for its
     * schedules), and backup-service's own key, which signs its results and scheduled commands.
     */
    TrustConfig trust();

    /** Where a restore may write besides the original places: by name, never from a command's text. */
    Targets targets();

    Store store();

    Configs configs();

    Certs certs();

    Redis redis();

    Kubernetes kubernetes();

    Retention retention();

    Schedule schedule();

    Verify verify();

    Leases leases();

    /**
     * The maximum backup age per scope ({@code mcpdr.backup.max-age.redis=2h}): the data a disaster restore
     * may lose. Unset scopes get twice the backup schedule's period (see {@code MaxBackupAge}).
     */
    Map<String, Duration> maxAge();

    /**
     * How often the backup age gauges are read anew from the store's catalog, and the catalog topic is
     * reconciled with the store.
     */
    @WithDefault("5m")
    Duration catalogRefresh();

    /** How often a running operation publishes PROGRESS. */
    @WithDefault("2s")
    Duration progressInterval();

    /** Redis keys are archived in chunk entries of about this size. */
    @WithDefault("4")
    int chunkMib();

    interface Store {
        /** {@code s3} (any S3-compatible server) or {@code directory} (a local folder). */
        @WithDefault("directory")
        Kind kind();

        /** The bucket (S3). */
        @WithDefault("mcp-backups")
        String bucket();

        /** A key prefix inside the bucket, for several installations in one bucket. */
        @WithDefault("mcp-bridge/")
        String prefix();

        /** An S3-compatible endpoint; absent for AWS itself. */
        Optional<String> endpoint();

        @WithDefault("us-east-1")
        String region();

        /** Path-style addressing, which most S3-compatible servers need. */
        @WithDefault("false")
        boolean pathStyle();

        /** Static credentials (a Secret); absent: the AWS default chain (IRSA, instance profile, env). */
        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /** The folder of the directory store. */
        @WithDefault(".local/backups")
        Path directory();

        /** Multipart part size; memory is about part size x (parts in flight + 1). */
        @WithDefault("16")
        int partMib();

        @WithDefault("2")
        int partsInFlight();

        enum Kind {
            S3,
            DIRECTORY
        }
    }

    interface Targets {
        /**
         * Redis targets by name ({@code standby}, {@code dr}, {@code scratch}) as {@code redis://host:port/db},
         * without credentials (the session store's password is used). A command names one; none by default.
         */
        Map<String, String> redis();

        /**
         * Namespaces a restore may write into besides the backed-up one: regular expressions matching the whole
         * name. Default: the plan's DR namespace and drill namespace.
         */
        @WithDefault("mcp-system-dr,mcp-dr-test")
        List<String> namespaces();

        /** Base directories a restore may write configs and certificates into besides the originals. None by default. */
        Optional<List<Path>> directories();

        /** The restore targets DISCARD may empty: a drill's scratch places, never production. */
        Disposable disposable();
    }

    interface Disposable {
        /** Names of Redis targets (above); {@code scratch} by default. */
        @WithDefault("scratch")
        List<String> redis();

        /** Namespace names (exact); the plan's drill namespace by default. */
        @WithDefault("mcp-dr-test")
        List<String> namespaces();

        /** Base directories (among the restore directories). None by default. */
        Optional<List<Path>> directories();
    }

    interface Configs {
        /** The MCP Bridge configuration tree. */
        @WithDefault("/etc/mcp-bridge")
        Path directory();

        /** The MCP Bridge version file recorded in manifests; default {@code VERSION} in the configs tree. */
        Optional<Path> versionFile();
    }

    interface Certs {
        @WithDefault("/etc/mcp-bridge/certs")
        Path directory();
    }

    interface Redis {
        /** The session store, {@code redis://host:port/db}, without credentials. */
        @WithDefault("redis://localhost:6379")
        String url();

        /** Its password (a Secret), used for restore targets too. */
        Optional<String> password();

        /** Keys left out of backups: short-lived rate-limit counters by default. */
        @WithDefault("ratelimit:*")
        List<String> skipPatterns();

        /**
         * How backups read the session store: {@code replication} (its own snapshot, taken as a replica takes it:
         * one point in time), {@code scan} (key by key, for servers that refuse replication), or {@code auto}
         * (replication, key by key when the server refuses it).
         */
        @WithDefault("auto")
        String method();

        @WithDefault("1000")
        int scanCount();

        @WithDefault("1000")
        int restoreBatch();

        @WithDefault("4")
        int restoreBatchesInFlight();

        /** Bound on each round trip. */
        @WithDefault("30s")
        Duration timeout();
    }

    interface Kubernetes {
        /** The namespace backed up and, by default, restored into. */
        @WithDefault("mcp-system")
        String namespace();
    }

    interface Retention {
        /** Backups older than this are deleted... */
        @WithDefault("P30D")
        Duration maxAge();

        /** ...except the newest this many verified-good ones. */
        @WithDefault("3")
        int keepVerified();
    }

    interface Schedule {
        /** Quartz cron for backups ({@code off} to disable): every 6 hours, the plan's CronJob. */
        @WithDefault("0 0 */6 * * ?")
        String backup();

        /** Quartz cron for verifying the latest backup: daily. */
        @WithDefault("0 30 3 * * ?")
        String verify();

        /** Quartz cron for retention: daily. */
        @WithDefault("0 45 3 * * ?")
        String prune();
    }

    /** How instances sharing the bucket keep commands on the same scope apart (see {@code ScopeLeases}). */
    interface Leases {
        /**
         * How long a lease lasts unrenewed: how long the scopes of an instance that died stay closed. Renewed
         * every third of it; keep it well above the longest stall (a full GC, a slow store) an instance may have.
         */
        @WithDefault("30s")
        Duration ttl();

        /** How long a command waits for another command's scopes before it fails without having run. */
        @WithDefault("1h")
        Duration maxWait();

        /** This instance's name in its leases; the pod's or host's name and the process id when unset. */
        Optional<String> holder();
    }

    interface Verify {
        /** The redis-server binary verification test-restores into (a scratch instance of its own). */
        @WithDefault("redis-server")
        String redisServer();

        /** Keys whose values are compared after the test restore. */
        @WithDefault("100")
        int sampleSize();
    }
}
