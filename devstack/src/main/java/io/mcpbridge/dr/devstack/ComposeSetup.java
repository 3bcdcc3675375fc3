package io.mcpbridge.dr.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one-shot {@code setup} service of {@code docker-compose.yml}: makes, once, what the services of the
 * compose run share in the {@code local-site} volume, then creates the topics and exits.
 *
 * <pre>
 * SITE/secrets/            owner-only files, each service's secret settings as a properties file that it
 *                          loads through QUARKUS_CONFIG_LOCATIONS; the signers' keys and the trust file;
 *                          webhook-token and the engineer's key for people at the keyboard
 * SITE/mcp-bridge/         the simulated MCP Bridge's configuration, which backup-service backs up
 * SITE/coordinator-runbooks.yaml   the coordinator's runbooks: service failures restart the simulator
 * SITE/coordinator-drills.yaml     the coordinator's drills: the scopes the compose run backs up
 * </pre>
 *
 * Secrets are made here rather than written in the compose file, so that no two installations share one.
 *
 * <pre>ComposeSetup SITE_DIR KAFKA_BOOTSTRAP_SERVERS</pre>
 */
public final class ComposeSetup {

    private static final Duration KAFKA_WAIT = Duration.ofMinutes(2);

    private ComposeSetup() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ComposeSetup SITE_DIR KAFKA_BOOTSTRAP_SERVERS");
            System.exit(2);
        }
        Path site = Path.of(args[0]);
        writeSite(site);
        System.out.println("local site ready in " + site);
        createTopics(args[1]);
        System.out.println("topics ready on " + args[1]);
    }

    static void writeSite(Path site) throws IOException {
        Path secrets = Files.createDirectories(site.resolve("secrets"));
        LocalKeys keys = LocalKeys.ensure(secrets.resolve("keys"));
        LocalBridgeFiles.ensure(site.resolve("mcp-bridge"));
        LocalBridgeFiles.localRunbooks(site);
        LocalBridgeFiles.localDrills(site, Path.of("/var/lib/mcp-dr/scratch"));

        String webhookToken = secret(secrets.resolve("webhook-token"));
        String s3AccessKey = secret(secrets.resolve("s3-access-key-id"));
        String s3SecretKey = secret(secrets.resolve("s3-secret-access-key"));
        LocalBridgeFiles.randomKey(secrets.resolve("archive.key"));

        writeSettings(secrets.resolve("health-monitor.properties"), Map.of("mcpdr.webhook.token", webhookToken));

        Map<String, String> backup = new LinkedHashMap<>(keys.settings("mcpdr.backup", "backup-service"));
        backup.put("mcpdr.backup.key-file", secrets.resolve("archive.key").toString());
        backup.put("mcpdr.backup.store.access-key-id", s3AccessKey);
        backup.put("mcpdr.backup.store.secret-access-key", s3SecretKey);
        writeSettings(secrets.resolve("backup-service.properties"), backup);

        writeSettings(
                secrets.resolve("recovery-coordinator.properties"),
                keys.settings("mcpdr.coordinator", "recovery-coordinator"));

        // s3proxy reads its credentials from here (see its image's entry point).
        writeSettings(
                secrets.resolve("s3proxy.properties"),
                Map.of("s3proxy.identity", s3AccessKey, "s3proxy.credential", s3SecretKey));
    }

    /** A random hex secret kept in {@code file}, made the first time. */
    private static String secret(Path file) throws IOException {
        if (!Files.exists(file)) {
            LocalKeys.writePrivate(file, HexFormat.of().formatHex(new SecureRandom().generateSeed(24)) + "\n");
        }
        return Files.readString(file).strip();
    }

    /** One service's secret settings, rewritten each time from what the site holds. */
    private static void writeSettings(Path file, Map<String, String> settings) {
        LocalKeys.writePrivate(
                file,
                settings.entrySet().stream()
                        .map(setting -> setting.getKey() + "=" + setting.getValue())
                        .collect(Collectors.joining("\n", "", "\n")));
    }

    /** Kafka may still be starting: try until it answers, within {@link #KAFKA_WAIT}. */
    private static void createTopics(String bootstrap) throws InterruptedException {
        Instant deadline = Instant.now().plus(KAFKA_WAIT);
        while (true) {
            try {
                TopicSetup.ensureTopics(bootstrap, Duration.ofSeconds(10));
                return;
            } catch (IllegalStateException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                System.out.println("waiting for Kafka: " + e.getMessage());
                Thread.sleep(2_000);
            }
        }
    }
}
