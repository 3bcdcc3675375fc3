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
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What packaged coordinators run against in the integration tests: a Kafka broker of their own with the
 * signal topics created at a chosen partition count, and a Kubernetes API (the mock server in CRUD mode)
 * holding one Deployment per component. It records every API request, so a test can count restarts at
 * the API itself.
 */
public final class CoordinatorCluster implements AutoCloseable {

    private static final Pattern PARTITIONS = Pattern.compile("\"partitions\"\\s*:\\s*\"\\[([0-9, ]*)\\] of (\\d+)\"");

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
        return startCoordinator(name, Map.of());
    }

    /** As {@link #startCoordinator(String)}, with settings of the test's own ({@code more} wins). */
    public ServiceProcess startCoordinator(String name, Map<String, String> more) {
        Map<String, String> settings = ServiceProcess.peerSettings(
                broker.bootstrapServers(), client.getMasterUrl().toString(), NAMESPACE);
        settings.put("mcpdr.coordinator.namespace", NAMESPACE);
        // The plan's drills would run on their schedule here and act beside what the tests check.
        settings.put("mcpdr.coordinator.drills.on-schedule", "false");
        settings.putAll(CoordinatorProfile.withTrust());
        settings.putAll(more);
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

    /** Whether the two own every partition between them, none twice, each some. */
    public static boolean split(ServiceProcess a, ServiceProcess b, int partitions) {
        Optional<Set<Integer>> first = owned(a);
        Optional<Set<Integer>> second = owned(b);
        if (first.isEmpty()
                || second.isEmpty()
                || first.get().isEmpty()
                || second.get().isEmpty()) {
            return false;
        }
        return first.get().size() + second.get().size() == partitions
                && first.get().stream().noneMatch(second.get()::contains);
    }

    /** The partitions a coordinator says it owns (its readiness check), once it is ready. */
    public static Optional<Set<Integer>> owned(ServiceProcess coordinator) {
        String health = coordinator.get("/q/health/ready");
        Matcher matcher = PARTITIONS.matcher(health);
        if (!health.contains("\"status\": \"UP\"") && !health.contains("\"status\":\"UP\"") || !matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(Pattern.compile(",")
                .splitAsStream(matcher.group(1))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(Integer::parseInt)
                .collect(Collectors.toSet()));
    }
}
