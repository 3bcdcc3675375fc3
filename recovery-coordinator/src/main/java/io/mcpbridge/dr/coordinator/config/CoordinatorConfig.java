package io.mcpbridge.dr.coordinator.config;

import io.mcpbridge.dr.events.trust.TrustConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** recovery-coordinator settings, under {@code mcpdr.coordinator}. Its signing key is a secret. */
@ConfigMapping(prefix = "mcpdr.coordinator")
public interface CoordinatorConfig {

    /** The MCP Bridge namespace actions apply to. */
    @WithDefault("mcp-system")
    String namespace();

    /**
     * What runbooks refer to as {@code ${name}} beyond {@code component}, {@code namespace} and an incident's own
     * parameters ({@code backup}, {@code scopes}): the default runbooks use the DR namespace and Redis
     * ({@code drNamespace}, {@code drRedis}) and the DR site ({@code drSite}); a runbooks file may use any
     * other. Never secrets: they are written into timelines.
     */
    Map<String, String> variables();

    /** A runbook file replacing the defaults of the scenarios it names. */
    Optional<Path> runbooksFile();

    /**
     * Whose commands and results are believed (engineers, drills, backup-service) and the coordinator's own
     * signing key for the commands it sends backup-service. Without trusted signers every command is refused;
     * without a signing key, runbook steps that call backup-service fail.
     */
    TrustConfig trust();

    /**
     * The signer whose backup results and catalog records are believed: those signed by anyone else are ignored
     * and counted.
     */
    @WithDefault("backup-service")
    String backupSigner();

    /** Record everything, change nothing. */
    @WithDefault("false")
    boolean dryRun();

    /** How often open incidents are moved on without a new event (verification deadlines, cooldowns). */
    @WithDefault("1s")
    Duration tick();

    /**
     * How long reading the open incidents back from {@code mcp-dr.incidents} may take at a partition
     * assignment; past it the signal channel fails, and the instance is restarted rather than act blind.
     */
    @WithDefault("1m")
    Duration historyTimeout();

    /**
     * How far back {@code mcp-dr.backup.results} is read at start: long enough to hold any result an incident
     * still waits for. The RPO does not depend on it: the backup catalog is read whole.
     */
    @WithDefault("2d")
    Duration backupResultsLookback();

    /**
     * How far back maintenance commands are replayed when partitions are assigned: a window longer than
     * this is cut short by a restart.
     */
    @WithDefault("7d")
    Duration maintenanceLookback();

    Budget budget();

    Drills drills();

    /** The plan's drills: what runs when (see {@code drills.yaml}). */
    interface Drills {
        /** A drill file replacing the default definitions of the drill types it names. */
        Optional<Path> file();

        /** Whether drills run on their schedules; on demand they always can. */
        @WithDefault("true")
        boolean onSchedule();

        /**
         * How long after it fell due a scheduled drill that did not run (its owner was dead, or nobody ran the
         * coordinator) is still run; a period missed for longer is skipped (the overdue alert tells), so a fresh
         * installation does not restart anything at its first start.
         */
        @WithDefault("1h")
        Duration catchUp();

        /** How often the schedules are looked at: a drill starts at most this long after it is due. */
        @WithDefault("30s")
        Duration tick();

        /**
         * How far back {@code mcp-dr.drills} is read at start, to know which periods ran already: more than the
         * longest drill period (quarterly).
         */
        @WithDefault("200d")
        Duration lookback();
    }

    /** The MCP Bridge session store, for revoking sessions. Without a URL, revocation steps fail. */
    Redis redis();

    interface Redis {
        /** {@code redis://host:port/db}, without credentials. */
        Optional<String> url();

        /** Its password (a Secret). */
        Optional<String> password();
    }

    interface Budget {
        @WithDefault("3")
        int maxActions();

        @WithDefault("1h")
        Duration window();

        @WithDefault("1m")
        Duration cooldown();
    }
}
