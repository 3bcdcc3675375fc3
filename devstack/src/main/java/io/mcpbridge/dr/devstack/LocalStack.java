package io.mcpbridge.dr.devstack;

import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.json.MalformedEventException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The whole system on one machine, without containers: a Kafka broker (its own process, data kept in
 * {@code .local/kafka}), a Redis session store with AOF, the simulated MCP Bridge and the services, each
 * a process with its log in {@code .local/logs}. Prints every event on every topic as a readable line.
 * Ctrl-C stops everything it started.
 */
public final class LocalStack {

    static final int KAFKA_PORT = 19092;
    static final int KAFKA_CONTROLLER_PORT = 19093;
    static final int REDIS_PORT = 16379;
    /** The full drill's scratch Redis: sessions are restored into it, checked, and flushed. */
    static final int SCRATCH_REDIS_PORT = 16380;

    static final int GATEWAY_PORT = 18080;
    static final int ROUTER_PORT = 19091;
    static final int SIMULATOR_CONTROL_PORT = 18099;
    static final int HEALTH_MONITOR_PORT = 18081;
    static final int NOTIFIER_PORT = 18082;
    static final int BACKUP_SERVICE_PORT = 18083;
    static final int COORDINATOR_PORT = 18084;

    private final Path root;
    private final Path logs;
    private final String classpath = System.getProperty("java.class.path");
    private final String javaBin =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final List<ChildProcess> started = new ArrayList<>();
    private final ServiceJvm serviceJvm = ServiceJvm.fromEnvironment();
    private final AtomicBoolean running = new AtomicBoolean(true);
    /** Held so the logging configuration is not garbage-collected with the logger. */
    private static final Logger KAFKA_CLIENT_LOG = Logger.getLogger("org.apache.kafka");

    private LocalStack(Path root) {
        this.root = root;
        this.logs = root.resolve(".local/logs");
    }

    public static void main(String[] args) throws Exception {
        KAFKA_CLIENT_LOG.setLevel(Level.WARNING); // the tail's own consumer is chatty
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        new LocalStack(root).run();
    }

    private void run() throws Exception {
        Thread main = Thread.currentThread();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            running.set(false);
                            main.interrupt();
                            stopAll();
                        },
                        "local-stack-stop"));
        String bootstrap = "127.0.0.1:" + KAFKA_PORT;
        String webhookToken = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));

        say("starting Kafka (KRaft) on " + bootstrap + ", data in .local/kafka");
        ChildProcess kafka = start(
                "kafka",
                List.of(
                        javaBin,
                        "-Xmx512m",
                        "-cp",
                        classpath,
                        KafkaBrokerMain.class.getName(),
                        Integer.toString(KAFKA_PORT),
                        Integer.toString(KAFKA_CONTROLLER_PORT),
                        root.resolve(".local/kafka").toString()));
        kafka.awaitPort(KAFKA_PORT, Duration.ofSeconds(60));
        TopicSetup.ensureTopics(bootstrap, Duration.ofSeconds(30));

        say("starting Redis (sessions, AOF on) on 127.0.0.1:" + REDIS_PORT);
        Path redisDir = Files.createDirectories(root.resolve(".local/redis"));
        start(
                        "redis",
                        List.of(
                                "redis-server",
                                "--port",
                                Integer.toString(REDIS_PORT),
                                "--bind",
                                "127.0.0.1",
                                "--dir",
                                redisDir.toString(),
                                "--appendonly",
                                "yes",
                                "--save",
                                "",
                                // backup-service reads it as a replica: its snapshot goes out at once
                                "--repl-diskless-sync-delay",
                                "0"))
                .awaitPort(REDIS_PORT, Duration.ofSeconds(10));

        say("starting a scratch Redis on 127.0.0.1:" + SCRATCH_REDIS_PORT + " (the full drill restores into it)");
        start(
                        "redis-scratch",
                        List.of(
                                "redis-server",
                                "--port",
                                Integer.toString(SCRATCH_REDIS_PORT),
                                "--bind",
                                "127.0.0.1",
                                "--save",
                                "",
                                "--appendonly",
                                "no"))
                .awaitPort(SCRATCH_REDIS_PORT, Duration.ofSeconds(10));

        say("starting the simulated MCP Bridge");
        start(
                        "bridge-simulator",
                        List.of(
                                javaBin,
                                "-Xmx64m",
                                "-cp",
                                classpath,
                                "io.mcpbridge.dr.simulator.BridgeSimulatorMain",
                                Integer.toString(GATEWAY_PORT),
                                Integer.toString(ROUTER_PORT),
                                Integer.toString(SIMULATOR_CONTROL_PORT)))
                .awaitPort(SIMULATOR_CONTROL_PORT, Duration.ofSeconds(20));

        say("starting health-monitor on http://127.0.0.1:" + HEALTH_MONITOR_PORT);
        startService(
                "health-monitor",
                HEALTH_MONITOR_PORT,
                List.of(
                        "-Dquarkus.http.port=" + HEALTH_MONITOR_PORT,
                        "-Dkafka.bootstrap.servers=" + bootstrap,
                        "-Dmcpdr.probes.targets.gateway.url=http://127.0.0.1:" + GATEWAY_PORT + "/health",
                        "-Dmcpdr.probes.targets.router.url=http://127.0.0.1:" + ROUTER_PORT + "/health",
                        "-Dmcpdr.probes.targets.redis.url=redis://127.0.0.1:" + REDIS_PORT,
                        // Often enough that a recovery's verification (a minute here) sees the target
                        // healthy after its action even when the restart caused no transition.
                        "-Dmcpdr.probes.snapshot-interval=20s",
                        "-Dquarkus.log.console.json.enabled=false"),
                Map.of("MCPDR_WEBHOOK_TOKEN", webhookToken));

        say("starting notifier on http://127.0.0.1:" + NOTIFIER_PORT
                + " (console channel; its log shows the messages)");
        startService(
                "notifier",
                NOTIFIER_PORT,
                List.of(
                        "-Dquarkus.http.port=" + NOTIFIER_PORT,
                        "-Dkafka.bootstrap.servers=" + bootstrap,
                        "-Dquarkus.log.console.json.enabled=false",
                        // No status page or mail here: every audience of the plan hears in the log,
                        // each at its deadline, rather than its commander being reminded.
                        "-Dmcpdr.notifier.plan.audiences.external.channels=console",
                        "-Dmcpdr.notifier.plan.audiences.leadership.channels=console",
                        "-Dmcpdr.notifier.plan.audiences.customers.channels=console",
                        "-Dmcpdr.notifier.plan.bridge-url=https://meet.example.com/mcp-bridge-incident"),
                Map.of());

        say("starting backup-service on http://127.0.0.1:" + BACKUP_SERVICE_PORT
                + " (archives in .local/backups; a backup every 2 minutes here, every 6 hours by default)");
        Path bridgeConfig = LocalBridgeFiles.ensure(root.resolve(".local/mcp-bridge"));
        LocalKeys keys = LocalKeys.ensure(root.resolve(".local/keys"));
        Path drillScratch = Files.createDirectories(root.resolve(".local/drill-scratch"));
        startService(
                "backup-service",
                BACKUP_SERVICE_PORT,
                concat(
                        List.of(
                                "-Dquarkus.http.port=" + BACKUP_SERVICE_PORT,
                                "-Dkafka.bootstrap.servers=" + bootstrap,
                                "-Dmcpdr.backup.store.kind=directory",
                                "-Dmcpdr.backup.store.directory=" + root.resolve(".local/backups"),
                                "-Dmcpdr.backup.scopes=configs,certs,redis",
                                "-Dmcpdr.backup.configs.directory=" + bridgeConfig,
                                "-Dmcpdr.backup.certs.directory=" + bridgeConfig.resolve("certs"),
                                "-Dmcpdr.backup.redis.url=redis://127.0.0.1:" + REDIS_PORT,
                                "-Dmcpdr.backup.schedule.backup=0 */2 * * * ?",
                                "-Dmcpdr.backup.schedule.verify=0 1/5 * * * ?",
                                // The full drill's scratch places, which it empties when done.
                                "-Dmcpdr.backup.targets.redis.scratch=redis://127.0.0.1:" + SCRATCH_REDIS_PORT,
                                "-Dmcpdr.backup.targets.directories=" + drillScratch,
                                "-Dmcpdr.backup.targets.disposable.redis=scratch",
                                "-Dmcpdr.backup.targets.disposable.directories=" + drillScratch,
                                "-Dquarkus.log.console.json.enabled=false"),
                        systemProperties(keys.settings("mcpdr.backup", "backup-service"))),
                Map.of("MCPDR_BACKUP_KEY", LocalBridgeFiles.randomKey(root.resolve(".local/backup.key"))));

        say("starting recovery-coordinator on http://127.0.0.1:" + COORDINATOR_PORT
                + " (service failures restart the simulated MCP Bridge through its control API)");
        startService(
                "recovery-coordinator",
                COORDINATOR_PORT,
                concat(
                        List.of(
                                "-Dquarkus.http.port=" + COORDINATOR_PORT,
                                "-Dkafka.bootstrap.servers=" + bootstrap,
                                "-Dmcpdr.coordinator.runbooks-file="
                                        + LocalBridgeFiles.localRunbooks(root.resolve(".local")),
                                "-Dmcpdr.coordinator.drills.file="
                                        + LocalBridgeFiles.localDrills(
                                                root.resolve(".local"), root.resolve(".local/drill-scratch")),
                                "-Dmcpdr.coordinator.variables.simulatorHost=127.0.0.1",
                                "-Dmcpdr.coordinator.variables.simulatorControlPort=" + SIMULATOR_CONTROL_PORT,
                                // The local session store, for REVOKE_SESSIONS commands (session:* keys only).
                                "-Dmcpdr.coordinator.redis.url=redis://127.0.0.1:" + REDIS_PORT,
                                "-Dquarkus.log.console.json.enabled=false"),
                        systemProperties(keys.settings("mcpdr.coordinator", "recovery-coordinator"))),
                Map.of());

        Path drctlSettings = LocalDrctl.writeSettings(root.resolve(".local"), bootstrap, keys);
        printUsage(webhookToken, drctlSettings);
        tail(bootstrap);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    private static List<String> systemProperties(Map<String, String> settings) {
        return settings.entrySet().stream()
                .map(setting -> "-D" + setting.getKey() + "=" + setting.getValue())
                .toList();
    }

    private Path quarkusApp(String module) {
        Path jar = root.resolve(module + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -B -DskipTests package)");
        }
        return jar;
    }

    private void printUsage(String webhookToken, Path drctlSettings) {
        String control = "http://127.0.0.1:" + SIMULATOR_CONTROL_PORT + "/sim";
        System.out.println();
        System.out.println("Everything is up. Logs: " + logs + ". Ctrl-C stops it all.");
        System.out.println("Break and heal the simulated MCP Bridge:");
        System.out.println("  curl -X POST " + control
                + "/gateway/unhealthy     # 503, healthy=false: detected, restarted, resolved");
        System.out.println("  curl -X POST " + control + "/router/down           # connection refused");
        System.out.println("  curl -X POST " + control + "/gateway/healthy");
        System.out.println("Send an Alertmanager notification:");
        System.out.println("  curl -X POST -H 'Authorization: Bearer " + webhookToken
                + "' -H 'Content-Type: application/json' \\");
        System.out.println("       --data @health-monitor/src/test/resources/alertmanager/firing.json \\");
        System.out.println("       http://127.0.0.1:" + HEALTH_MONITOR_PORT + "/api/v1/alertmanager");
        System.out.println(
                "Metrics: http://127.0.0.1:" + HEALTH_MONITOR_PORT + "/q/metrics   Readiness: /q/health/ready");
        System.out.println("Notifications (console channel): " + logs.resolve("notifier.log"));
        System.out.println("Backups: " + root.resolve(".local/backups") + " (key in .local/backup.key), metrics on "
                + "http://127.0.0.1:" + BACKUP_SERVICE_PORT + "/q/metrics");
        System.out.println(
                "drctl, signing as " + LocalKeys.ENGINEER + " (a key the local services trust), in another shell:");
        System.out.println("  export MCPDR_CONFIG=" + drctlSettings);
        System.out.println("  ./drctl status");
        System.out.println(
                "  ./drctl recover gateway --yes --reason 'trying drctl'   # then: ./drctl follow <incident id>");
        System.out.println("  ./drctl backup now && ./drctl backup list");
        System.out.println("  ./drctl incidents --all");
        System.out.println("  ./drctl drill run backup-verification && ./drctl drill list");
        System.out.println();
        System.out.println("Events:");
    }

    /** Prints every event published from now on, until stopped. */
    private void tail(String bootstrap) {
        EventPrinter printer = new EventPrinter(System.console() != null);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "local-stack-tail-" + ProcessHandle.current().pid(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "latest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            // The notifier's ledger is its own state, not events: left out.
            consumer.subscribe(Topics.ALL.stream()
                    .filter(topic -> !topic.equals(Topics.NOTIFIER_DELIVERIES))
                    .toList());
            while (running.get()) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (record.value() == null) {
                        System.out.println(printer.removed(record.topic(), record.key()));
                        return;
                    }
                    try {
                        System.out.println(printer.line(record.topic(), EventRecords.fromRecord(record)));
                    } catch (MalformedEventException e) {
                        System.out.println(printer.unreadable(record.topic(), e.getMessage()));
                    }
                });
            }
        } catch (WakeupException | InterruptException stopping) {
            // Ctrl-C
        }
    }

    /**
     * Starts one of the four services and waits for its HTTP port, which Quarkus opens once it has started;
     * says how long that took from the process's start (the JVM's own start included).
     */
    private void startService(String name, int port, List<String> properties, Map<String, String> environment) {
        Path runJar = quarkusApp(name);
        Map<String, String> serviceEnvironment = new HashMap<>(serviceJvm.environment());
        serviceEnvironment.putAll(environment);
        ChildProcess service = start(
                name,
                serviceJvm.command(javaBin, runJar, name, "256m", properties),
                serviceEnvironment,
                ServiceJvm.directory(runJar));
        Duration took = service.awaitPort(port, Duration.ofSeconds(60));
        say(String.format(Locale.ROOT, "%s is listening, %.2f s after its start", name, took.toMillis() / 1000.0));
    }

    private ChildProcess start(String name, List<String> command) {
        return start(name, command, Map.of());
    }

    private ChildProcess start(String name, List<String> command, Map<String, String> environment) {
        return start(name, command, environment, null);
    }

    private ChildProcess start(String name, List<String> command, Map<String, String> environment, Path directory) {
        ChildProcess child = ChildProcess.start(name, command, environment, logs, directory);
        synchronized (started) {
            started.add(child);
        }
        return child;
    }

    private void stopAll() {
        List<ChildProcess> toStop;
        synchronized (started) {
            toStop = new ArrayList<>(started);
            started.clear();
        }
        // Reverse order: services first, the broker last, so nothing loses its peer mid-shutdown.
        for (int i = toStop.size() - 1; i >= 0; i--) {
            ChildProcess child = toStop.get(i);
            System.out.println("stopping " + child.name());
            child.stop(Duration.ofSeconds(15));
        }
    }

    private static void say(String message) {
        System.out.println("==> " + message);
    }
}
