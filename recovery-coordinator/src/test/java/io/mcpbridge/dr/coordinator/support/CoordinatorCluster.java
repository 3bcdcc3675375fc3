package io.mcpbridge.dr.coordinator.support;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.mcpbridge.dr.testing.ClusterFixtures;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.ServiceProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What packaged coordinators run against in the integration tests: a Kafka broker of their own with the
 * signal topics created at a chosen partition count, and a Kubernetes API (the mock server in CRUD mode)
 * holding one Deployment per component. It records every API request, so a test can count restarts at
 * the API itself.
 */
public final class CoordinatorCluster implements AutoCloseable {

    public static final String NAMESPACE = "mcp-system";

    private final KafkaBroker broker;
    private final KubernetesMockServer kubernetes;
    private final KubernetesClient client;
    private final ApiRequests requests;
    private final List<ServiceProcess> coordinators = new ArrayList<>();

    private CoordinatorCluster(KafkaBroker broker, KubernetesMockServer kubernetes) throws InterruptedException {
        this.broker = broker;
        this.kubernetes = kubernetes;
        this.client = kubernetes.createClient();
        this.requests = new ApiRequests(kubernetes);
    }

    public static CoordinatorCluster start(int partitions, List<String> components) throws Exception {
        KafkaBroker broker = KafkaBroker.startDedicated();
        try {
            broker.createSystemTopics(partitions);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        KubernetesMockServer kubernetes = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        kubernetes.init();
        CoordinatorCluster cluster = new CoordinatorCluster(broker, kubernetes);
        components.forEach(component -> ClusterFixtures.deployment(cluster.client, NAMESPACE, "mcp-" + component));
        return cluster;
    }

    /** Starts a packaged coordinator (system property {@code coordinator.jar}) against this cluster. */
    public ServiceProcess startCoordinator(String name) {
        Map<String, String> settings = ServiceProcess.peerSettings(
                broker.bootstrapServers(), client.getMasterUrl().toString(), NAMESPACE);
        settings.put("mcpdr.coordinator.namespace", NAMESPACE);
        settings.putAll(CoordinatorProfile.withTrust());
        ServiceProcess process = ServiceProcess.start(
                Path.of(System.getProperty("coordinator.jar", "target/quarkus-app/quarkus-run.jar")), name, settings);
        coordinators.add(process);
        return process;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public KubernetesClient client() {
        return client;
    }

    /** How many PATCH requests reached a Deployment so far (a rollout restart is one). */
    public long patches(String deployment) throws InterruptedException {
        return requests.patches(NAMESPACE, deployment);
    }

    @Override
    public void close() {
        coordinators.forEach(ServiceProcess::close);
        client.close();
        kubernetes.destroy();
        broker.close();
    }
}
