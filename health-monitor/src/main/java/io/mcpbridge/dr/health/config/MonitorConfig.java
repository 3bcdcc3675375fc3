package io.mcpbridge.dr.health.config;

import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.health.ProbeKind;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything health-monitor can be told. The defaults describe MCP Bridge as its 1.0.0 source has it. */
@ConfigMapping(prefix = "mcpdr")
public interface MonitorConfig {

    /** Active probes of the MCP Bridge components. */
    Probes probes();

    /** The Alertmanager webhook. */
    Webhook webhook();

    interface Probes {

        /** Whether probes run at all (off: the service only ingests alerts). Default true. */
        @WithDefault("true")
        boolean enabled();

        /** How often each target is probed unless it sets its own interval. Default 5 s. */
        @WithDefault("5s")
        Duration interval();

        /** How often the state of every target is published even without a change. Default 30 s. */
        @WithDefault("30s")
        Duration snapshotInterval();

        /** Consecutive failed probes before a target is DOWN. Default 3. */
        @WithDefault("3")
        int downAfter();

        /** Consecutive healthy probes before a target is UP (or DEGRADED) again. Default 2. */
        @WithDefault("2")
        int upAfter();

        /** The targets by name; see application.properties for MCP Bridge's gateway, router and Redis. */
        Map<String, Target> targets();
    }

    interface Target {

        /** How the target is probed: http, redis, tls or tcp. */
        ProbeKind type();

        /** Whether this target is probed. Default true. */
        @WithDefault("true")
        boolean enabled();

        /** The MCP Bridge component the target belongs to (the Kafka key). Default: the target's name. */
        Optional<String> component();

        /** This target's own probe interval. Default: {@code mcpdr.probes.interval}. */
        Optional<Duration> interval();

        /** How long one probe may take before it counts as failed. Default 2 s. */
        @WithDefault("2s")
        Duration timeout();

        /**
         * http: the URL to GET; redis: {@code redis://[:password@]host:port[/db]}. Text, parsed by the probe,
         * so that a malformed value (it may hold a password) is never quoted in an error.
         */
        Optional<String> url();

        /** http: the status a healthy target answers. Default 200. */
        @WithDefault("200")
        int expectStatus();

        /** http: a JSON field (dotted path, e.g. {@code subsystems.redis.healthy}) to check in the body. */
        Optional<String> jsonField();

        /** http: the text the JSON field must equal ({@code true} for the gateway's {@code healthy}). */
        Optional<String> jsonEquals();

        /** http: a text the JSON field must contain. */
        Optional<String> jsonContains();

        /** http, tcp: answers slower than this make the target DEGRADED. Default: no such check. */
        Optional<Duration> degradedAbove();

        /** redis: whether AOF persistence must be on (the plan's 1-minute RPO for sessions). Default true. */
        @WithDefault("true")
        boolean requireAof();

        /** tls, tcp: {@code host:port} to connect to. */
        Optional<String> address();

        /** tls: a PEM certificate file to read instead of connecting. */
        Optional<Path> certificateFile();

        /** tls: how long before expiry the target becomes DEGRADED. Default 14 days. */
        @WithDefault("336h")
        Duration expiryWarning();
    }

    interface Webhook {

        /** bearer (token in {@code mcpdr.webhook.token}), basic, or none; none must be chosen explicitly. */
        @WithDefault("bearer")
        AuthMode auth();

        /** The bearer token Alertmanager's {@code http_config.authorization} sends. */
        Optional<String> token();

        /** The user name for basic auth. */
        Optional<String> basicUsername();

        /** The password for basic auth. */
        Optional<String> basicPassword();

        /** Labels that name the component, first present wins. Default component, service, job. */
        @WithDefault("component,service,job")
        List<String> componentLabels();

        /** Label values mapped to component names, e.g. {@code mcp-gateway=gateway}. */
        Map<String, String> componentAliases();

        /** {@code severity} label values mapped to the plan's severities; unknown values are MEDIUM. */
        Map<String, Severity> severities();

        /**
         * Largest body accepted, checked by Content-Length before reading and by size after; above it, 413.
         * Default 1 MiB. Keep {@code quarkus.http.limits.max-body-size} above it as the transport's backstop.
         */
        @WithDefault("1M")
        MemorySize maxBodySize();

        /**
         * A repeat of the same alert and status is not published again while repeats keep coming within this
         * window. Default 5 h: longer than Alertmanager's default repeat_interval (4 h).
         */
        @WithDefault("5h")
        Duration dedupWindow();

        /** How many fingerprints the repeat filter remembers. Default 100000. */
        @WithDefault("100000")
        int dedupCapacity();

        /** How long a request waits for Kafka's acknowledgement before answering 503. Default 10 s. */
        @WithDefault("10s")
        Duration ackTimeout();
    }

    enum AuthMode {
        BEARER,
        BASIC,
        NONE
    }
}
