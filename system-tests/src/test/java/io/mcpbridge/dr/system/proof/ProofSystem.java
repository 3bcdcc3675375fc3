package io.mcpbridge.dr.system.proof;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.simulator.BridgeSimulator;
import io.mcpbridge.dr.system.support.BackupServiceSettings;
import io.mcpbridge.dr.testing.ClusterFixtures;
import io.mcpbridge.dr.testing.FreePorts;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.RedisServer;
import io.mcpbridge.dr.testing.S3Server;
import io.mcpbridge.dr.testing.ServiceProcess;
import io.mcpbridge.dr.testing.SmtpServer;
import io.mcpbridge.dr.testing.TestEvents;
import io.mcpbridge.dr.testing.TestSigners;
import io.mcpbridge.dr.testing.TopicRecorder;
import io.mcpbridge.dr.testing.stub.PagerDutyStub;
import io.mcpbridge.dr.testing.stub.SlackWebhookStub;
import io.mcpbridge.dr.testing.stub.StatuspageStub;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system as the proof suite drives it: the four packaged services as processes (health-monitor probing
 * the simulated MCP Bridge and its session store, the coordinator acting on the Kubernetes mock API, backup-service
 * backing up configs, sessions and the namespace's resources to an S3 server, the notifier posting to the Slack and
 * PagerDuty stubs, which check every request against the published contracts), a real KRaft broker, real
 * redis-servers (the session store with AOF on, a scratch one for the full drill), and the stand-in that plays the
 * cluster's part for the mock API ({@link KubernetesStandIn}).
 */
final class ProofSystem implements AutoCloseable {

    static final String NAMESPACE = "mcp-system";
    static final String DRILL_NAMESPACE = "mcp-dr-test";
    /** The DR site's namespace (the data-center failure restores there) and the new cluster's (infrastructure loss). */
    static final String DR_NAMESPACE = "mcp-system-dr";

    static final String NEW_NAMESPACE = "mcp-system-new";
    /** health-monitor's probe interval and how many failed probes make a DOWN: the detection the budgets allow. */
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

    static final int DOWN_AFTER = 2;
    /** The fast runbooks' verification: how often it looks, and how many times. */
    static final Duration VERIFY_INTERVAL = Duration.ofSeconds(2);

    static final int VERIFY_ATTEMPTS = 10;
    /**
     * The coordinator's pause between automated actions on one component (1 minute by default), shortened so that
     * the scenarios, which act on the gateway one after another, do not wait on each other.
     */
    static final Duration COOLDOWN = Duration.ofSeconds(3);

    static final String ROUTING_KEY = "R0UT1NGKEYR0UT1NGKEYR0UT1NGKEY32";
    private static final Duration READY = Duration.ofSeconds(120);

    private final List<AutoCloseable> started = new ArrayList<>();
    final KafkaBroker broker;
    final S3Server s3;
    /** The session store's primary, and its standby (a replica of it), behind the Service {@link #redis}. */
    final RedisServer sessions;

    final RedisServer standby;
    /** The Service {@code redis}: what every client of the session store connects to. */
    final ServiceProxy redis;

    final RedisServer scratch;
    /** The DR site's session store: backup-service's Redis target {@code dr}. */
    final RedisServer dr;
    /** Where a forensic copy is restored to be looked into: backup-service's Redis target {@code investigation}. */
    final RedisServer investigation;

    final Path configs;
    final Path drillScratch;
    final KubernetesMockServer kubernetes;
    final KubernetesClient client;
    final BridgeSimulator bridge;
    final SlackWebhookStub slack;
    final PagerDutyStub pagerDuty;
    /** The plan's other audiences: External on the status page, Leadership and Customers by email. */
    final StatuspageStub statuspage;

    final SmtpServer smtp;
    final TestEvents events;
    final TopicRecorder incidents;
    final TopicRecorder drills;
    final TopicRecorder health;
    final TopicRecorder results;
    final KubernetesStandIn standIn;
    final Map<String, ServiceProcess> services = new HashMap<>();

    private ProofSystem() throws IOException {
        broker = keep(KafkaBroker.startDedicated());
        broker.createSystemTopics(3);
        s3 = keep(S3Server.start());
        sessions = keep(RedisServer.start(List.of("--appendonly", "yes")));
        standby = keep(RedisServer.start(
                List.of("--appendonly", "yes", "--replicaof", "127.0.0.1", Integer.toString(sessions.port()))));
        redis = keep(ServiceProxy.to(sessions.port()));
        scratch = keep(RedisServer.start());
        dr = keep(RedisServer.start());
        investigation = keep(RedisServer.start());
        configs = Files.createTempDirectory("mcp-bridge-config-");
        Files.writeString(configs.resolve("gateway.yaml"), "listen: 8443\n");
        Files.writeString(configs.resolve("router.yaml"), "routes: [tools]\n");
        drillScratch = Files.createTempDirectory("drill-scratch-");
        kubernetes = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        kubernetes.init();
        started.add(kubernetes::destroy);
        client = kubernetes.createClient();
        started.add(client);
        bridgeResources();
        bridge = keep(FreePorts.retryOnBindFailure(() -> {
            int[] ports = FreePorts.distinct(3);
            return BridgeSimulator.start(ports[0], ports[1], ports[2]);
        }));
        slack = keep(SlackWebhookStub.start());
        pagerDuty = keep(PagerDutyStub.start());
        statuspage = keep(StatuspageStub.start());
        smtp = keep(SmtpServer.start());
        events = keep(new TestEvents(broker.bootstrapServers()));
        incidents = keep(TopicRecorder.fromNow(broker.bootstrapServers(), Topics.INCIDENTS));
        drills = keep(TopicRecorder.fromNow(broker.bootstrapServers(), Topics.DRILLS));
        health = keep(TopicRecorder.fromNow(broker.bootstrapServers(), Topics.HEALTH));
        results = keep(TopicRecorder.fromNow(broker.bootstrapServers(), Topics.BACKUP_RESULTS));
        standIn = keep(KubernetesStandIn.start(
                client,
                NAMESPACE,
                NEW_NAMESPACE,
                URI.create("http://127.0.0.1:" + bridge.controlPort()),
                redis,
                Map.of("redis", sessions.port(), "redis-standby", standby.port())));
    }

    static ProofSystem start() throws IOException {
        ProofSystem system = new ProofSystem();
        try {
            system.run("health-monitor", system.healthMonitorSettings());
            system.run("notifier", system.notifierSettings());
            system.run("backup-service", system.backupServiceSettings());
            system.run("recovery-coordinator", system.coordinatorSettings());
            for (ServiceProcess service : system.services.values()) {
                system.awaitReady(service);
            }
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    ServiceProcess service(String name) {
        return services.get(name);
    }

    /** The session store as its clients reach it: through its Service. */
    String sessionStore() {
        return "redis://127.0.0.1:" + redis.port();
    }

    /**
     * Stops the coordinator as an operator would and starts it again with these runbook variables besides its
     * own (a standby configured, say).
     */
    void restartCoordinator(Map<String, String> variables) throws IOException, InterruptedException {
        services.remove("recovery-coordinator").stop();
        Map<String, String> settings = coordinatorSettings();
        variables.forEach((name, value) -> settings.put("mcpdr.coordinator.variables." + name, value));
        run("recovery-coordinator", settings);
        awaitReady(services.get("recovery-coordinator"));
    }

    private void bridgeResources() {
        for (String namespace : List.of(NAMESPACE, DRILL_NAMESPACE)) {
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(namespace)
                            .endMetadata()
                            .build())
                    .create();
        }
        for (String deployment : List.of("mcp-gateway", "mcp-gateway-dr", "mcp-router", "redis", "redis-standby")) {
            ClusterFixtures.deployment(client, NAMESPACE, deployment);
        }
        // The gateway's release history, so a rollback has a revision to go back to.
        Map<String, String> gateway = Map.of("app", "mcp-gateway");
        ClusterFixtures.replicaSet(
                client, NAMESPACE, "mcp-gateway-v1", "1", gateway, "app", "mcp-bridge/mcp-gateway:0.9.0");
        ClusterFixtures.replicaSet(
                client, NAMESPACE, "mcp-gateway-v2", "2", gateway, "app", "mcp-bridge/mcp-gateway:1.0.0");
        client.secrets()
                .inNamespace(NAMESPACE)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("mcp-credentials")
                        .endMetadata()
                        .withData(Map.of("token", "b2xkLXRva2Vu"))
                        .build())
                .create();
        client.configMaps()
                .inNamespace(NAMESPACE)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("mcp-config")
                        .endMetadata()
                        .withData(Map.of("gateway.yaml", "listen: 8443\n"))
                        .build())
                .create();
        for (String service : List.of("mcp-gateway", "redis")) {
            client.services()
                    .inNamespace(NAMESPACE)
                    .resource(new ServiceBuilder()
                            .withNewMetadata()
                            .withName(service)
                            .endMetadata()
                            .withNewSpec()
                            .withSelector(Map.of("app", service))
                            .endSpec()
                            .build())
                    .create();
        }
    }

    private Map<String, String> common() {
        return ServiceProcess.peerSettings(
                broker.bootstrapServers(), client.getMasterUrl().toString(), NAMESPACE);
    }

    private Map<String, String> healthMonitorSettings() {
        Map<String, String> settings = common();
        settings.put("mcpdr.webhook.token", "proof-token");
        settings.put("mcpdr.probes.interval", PROBE_INTERVAL.toMillis() + "ms");
        settings.put("mcpdr.probes.down-after", Integer.toString(DOWN_AFTER));
        settings.put("mcpdr.probes.snapshot-interval", "2s");
        settings.put("mcpdr.probes.targets.gateway.url", "http://127.0.0.1:" + bridge.gatewayPort() + "/health");
        settings.put("mcpdr.probes.targets.router.url", "http://127.0.0.1:" + bridge.routerPort() + "/health");
        settings.put("mcpdr.probes.targets.redis.url", sessionStore());
        return settings;
    }

    private Map<String, String> notifierSettings() {
        Map<String, String> settings = common();
        settings.put("mcpdr.notifier.slack.enabled", "true");
        settings.put("mcpdr.notifier.slack.webhook-url", slack.webhookUrl());
        settings.put("mcpdr.notifier.slack.min-interval", "100ms");
        settings.put("mcpdr.notifier.pagerduty.enabled", "true");
        settings.put("mcpdr.notifier.pagerduty.base-url", pagerDuty.baseUrl());
        settings.put("mcpdr.notifier.pagerduty.routing-key", ROUTING_KEY);
        settings.put("mcpdr.notifier.pagerduty.min-interval", "50ms");
        settings.put("mcpdr.notifier.delivery.initial-backoff", "100ms");
        settings.put("mcpdr.notifier.digest.interval", "2s");
        settings.put("mcpdr.notifier.statuspage.enabled", "true");
        settings.put("mcpdr.notifier.statuspage.api-url", statuspage.apiUrl());
        settings.put("mcpdr.notifier.statuspage.page-id", StatuspageStub.PAGE_ID);
        settings.put("mcpdr.notifier.statuspage.api-key", StatuspageStub.API_KEY);
        settings.put("mcpdr.notifier.statuspage.components.gateway", "cmpgateway01");
        settings.put("mcpdr.notifier.statuspage.min-interval", "50ms");
        settings.put("mcpdr.notifier.email.enabled", "true");
        settings.put("mcpdr.notifier.email.recipients.leadership", "lead@example.com");
        settings.put("mcpdr.notifier.email.recipients.customers", "support@example.com");
        smtp.mailerSettings().forEach((key, value) -> settings.put((String) key, (String) value));
        // The plan's deadlines for Critical, minutes made seconds: every audience hears within a scenario.
        settings.put("mcpdr.notifier.plan.audiences.external.critical", "1s");
        settings.put("mcpdr.notifier.plan.audiences.leadership.critical", "2s");
        settings.put("mcpdr.notifier.plan.audiences.customers.critical", "3s");
        settings.put("mcpdr.notifier.plan.tick", "200ms");
        return settings;
    }

    private Map<String, String> backupServiceSettings() {
        Map<String, String> settings = common();
        settings.putAll(BackupServiceSettings.of(s3, "configs,redis,kubernetes", configs, sessionStore()));
        settings.put("mcpdr.backup.kubernetes.namespace", NAMESPACE);
        settings.put("mcpdr.backup.targets.redis.scratch", scratch.uri());
        settings.put("mcpdr.backup.targets.redis.dr", dr.uri());
        settings.put("mcpdr.backup.targets.redis.investigation", investigation.uri());
        settings.put("mcpdr.backup.targets.namespaces", String.join(",", DR_NAMESPACE, NEW_NAMESPACE, DRILL_NAMESPACE));
        settings.put("mcpdr.backup.targets.directories", drillScratch.toString());
        settings.put("mcpdr.backup.targets.disposable.redis", "scratch");
        settings.put("mcpdr.backup.targets.disposable.namespaces", DRILL_NAMESPACE);
        settings.put("mcpdr.backup.targets.disposable.directories", drillScratch.toString());
        return settings;
    }

    private Map<String, String> coordinatorSettings() throws IOException {
        Map<String, String> settings = common();
        settings.putAll(TestSigners.settings("mcpdr.coordinator", TestSigners.COORDINATOR));
        settings.put("mcpdr.coordinator.namespace", NAMESPACE);
        settings.put("mcpdr.coordinator.redis.url", sessionStore());
        settings.put("mcpdr.coordinator.drills.on-schedule", "false");
        settings.put("mcpdr.coordinator.budget.cooldown", COOLDOWN.toSeconds() + "s");
        // Every scenario acts on MCP Bridge within the hour: the default of 3 actions would stop the later ones.
        settings.put("mcpdr.coordinator.budget.max-actions", "50");
        settings.put("mcpdr.coordinator.variables.drNamespace", DR_NAMESPACE);
        settings.put("mcpdr.coordinator.variables.newNamespace", NEW_NAMESPACE);
        settings.put("mcpdr.coordinator.variables.drRedis", "dr");
        // The plan's dr-failover.sh moves traffic to the DR site; here the simulated gateway answers from there.
        String switchTraffic = "curl -fsS -X POST http://127.0.0.1:" + bridge.controlPort() + "/sim/gateway/healthy";
        settings.put(
                "mcpdr.coordinator.runbooks-file",
                write("runbooks-", ProofRunbooks.yaml(switchTraffic)).toString());
        settings.put(
                "mcpdr.coordinator.drills.file",
                write("drills-", ProofRunbooks.drills(drillScratch)).toString());
        return settings;
    }

    private static Path write(String prefix, String yaml) throws IOException {
        Path file = Files.createTempFile(prefix, ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private void run(String name, Map<String, String> settings) {
        String jarProperty = name.equals("recovery-coordinator") ? "coordinator.jar" : name + ".jar";
        services.put(name, keep(ServiceProcess.startPackaged(jarProperty, name, settings)));
    }

    private void awaitReady(ServiceProcess service) {
        service.awaitReady(READY);
    }

    private <T extends AutoCloseable> T keep(T resource) {
        started.add(resource);
        return resource;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // go on closing the rest
            }
        }
    }
}
