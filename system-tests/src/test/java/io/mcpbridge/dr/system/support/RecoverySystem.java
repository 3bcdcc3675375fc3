package io.mcpbridge.dr.system.support;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.testing.ClusterFixtures;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.RedisServer;
import io.mcpbridge.dr.testing.S3Server;
import io.mcpbridge.dr.testing.ServiceProcess;
import io.mcpbridge.dr.testing.TestEvents;
import io.mcpbridge.dr.testing.TestSigners;
import io.mcpbridge.dr.testing.TopicRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The recovery half of the system as users run it: the packaged backup-service and recovery-coordinator as
 * processes, over a real KRaft broker, a redis-server holding MCP Bridge's sessions, an S3 server, a
 * configuration tree and the Kubernetes mock API (with MCP Bridge's Deployments). Each trusts the test signers
 * and signs as itself. (The whole system, with health-monitor, the notifier and the simulated MCP Bridge, is the
 * proof suite's {@code ProofSystem}.)
 */
public final class RecoverySystem implements AutoCloseable {

    public static final String NAMESPACE = "mcp-system";
    private static final Duration READY = Duration.ofSeconds(90);

    private final List<AutoCloseable> started = new ArrayList<>();
    public final KafkaBroker broker;
    public final S3Server s3;
    public final RedisServer sessions;
    public final Path configs;
    public final KubernetesMockServer kubernetes;
    public final KubernetesClient client;
    public final TestEvents events;
    public final TopicRecorder incidents;
    public final TopicRecorder results;
    public final TopicRecorder dlq;
    private ServiceProcess coordinator;

    private RecoverySystem() throws IOException {
        broker = keep(KafkaBroker.startDedicated());
        broker.createSystemTopics(3);
        s3 = keep(S3Server.start());
        sessions = keep(RedisServer.start());
        configs = Files.createTempDirectory("mcp-bridge-config-");
        Files.writeString(configs.resolve("gateway.yaml"), "listen: 8443\n");
        kubernetes = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        kubernetes.init();
        started.add(kubernetes::destroy);
        client = kubernetes.createClient();
        started.add(client);
        for (String deployment : List.of("mcp-gateway", "mcp-router")) {
            deployment(deployment);
        }
        events = keep(new TestEvents(broker.bootstrapServers()));
        incidents = keep(TopicRecorder.fromNow(broker.bootstrapServers(), Topics.INCIDENTS));
        results = keep(TopicRecorder.fromNow(broker.bootstrapServers(), Topics.BACKUP_RESULTS));
        dlq = keep(TopicRecorder.fromNow(broker.bootstrapServers(), Topics.DLQ));
    }

    public static RecoverySystem start() throws IOException {
        RecoverySystem system = new RecoverySystem();
        try {
            system.awaitReady(system.service("backup-service", "backup-service.jar", system.backupServiceSettings()));
            system.coordinator =
                    system.service("recovery-coordinator", "coordinator.jar", system.coordinatorSettings());
            system.awaitReady(system.coordinator);
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    /** The running recovery-coordinator, for its metrics. */
    public ServiceProcess coordinator() {
        return coordinator;
    }

    private Map<String, String> common() {
        return ServiceProcess.peerSettings(
                broker.bootstrapServers(), client.getMasterUrl().toString(), NAMESPACE);
    }

    private Map<String, String> backupServiceSettings() {
        Map<String, String> settings = common();
        settings.putAll(BackupServiceSettings.of(s3, "configs,redis,kubernetes", configs, sessions.uri()));
        settings.put("mcpdr.backup.kubernetes.namespace", NAMESPACE);
        return settings;
    }

    private Map<String, String> coordinatorSettings() throws IOException {
        Map<String, String> settings = common();
        settings.putAll(TestSigners.settings("mcpdr.coordinator", TestSigners.COORDINATOR));
        settings.put("mcpdr.coordinator.namespace", NAMESPACE);
        // Drills on demand only (a scheduled one would act beside what the tests check), over the session store:
        // the scope the tests back up.
        settings.put("mcpdr.coordinator.drills.on-schedule", "false");
        Path drills = Files.createTempFile("drills-", ".yaml");
        Files.writeString(drills, """
                drills:
                  - type: backup-verification
                    schedule: "off"
                    timeout: PT5M
                    scopes: [redis]
                """);
        settings.put("mcpdr.coordinator.drills.file", drills.toString());
        return settings;
    }

    private ServiceProcess service(String name, String jarProperty, Map<String, String> settings) {
        return keep(ServiceProcess.startPackaged(jarProperty, name, settings));
    }

    private void awaitReady(ServiceProcess service) {
        service.awaitReady(READY);
    }

    private void deployment(String name) {
        ClusterFixtures.deployment(client, NAMESPACE, name);
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
