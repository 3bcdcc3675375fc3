package io.mcpbridge.dr.system.proof;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpbridge.dr.events.backup.RestoreTargets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What a kubelet and a controller would do, for the Kubernetes mock API (which stores objects and runs nothing):
 * when a rollout restart stamps a Deployment of MCP Bridge ({@code mcp-gateway}, {@code mcp-router}), the simulated
 * component is restarted through the simulator's control API (a sticky fault survives it, as a bad release
 * would); when a restore puts workloads into a namespace, they report all their replicas ready. It reads the API
 * every {@value #POLL_MILLIS} ms and remembers what it did, for the tests to check.
 */
final class KubernetesStandIn implements AutoCloseable {

    private static final long POLL_MILLIS = 200;
    private static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    private final KubernetesClient client;
    private final String namespace;
    private final String newCluster;
    private boolean servedFromNewCluster;
    private final URI simulator;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, String> lastRestart = new HashMap<>();
    private final Map<String, String> lastImage = new HashMap<>();
    private final List<String> done = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kubernetes-stand-in");
        thread.setDaemon(true);
        return thread;
    });

    private KubernetesStandIn(KubernetesClient client, String namespace, String newCluster, URI simulator) {
        this.client = client;
        this.namespace = namespace;
        this.newCluster = newCluster;
        this.simulator = simulator;
    }

    /**
     * @param namespace        where MCP Bridge runs
     * @param newCluster       the namespace standing for the new infrastructure
     * @param simulatorControl the simulator's control API, {@code http://127.0.0.1:<port>}
     */
    static KubernetesStandIn start(KubernetesClient client, String namespace, String newCluster, URI simulatorControl) {
        KubernetesStandIn standIn = new KubernetesStandIn(client, namespace, newCluster, simulatorControl);
        standIn.remember();
        standIn.loop.scheduleWithFixedDelay(standIn::look, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return standIn;
    }

    /** What it did, oldest first: {@code restart gateway}, {@code ready mcp-dr-test/Deployment/mcp-gateway}. */
    List<String> done() {
        return List.copyOf(done);
    }

    private void remember() {
        for (String component : List.of("gateway", "router")) {
            lastRestart.put(component, restartedAt(component));
            lastImage.put(component, image(component));
        }
    }

    private void look() {
        try {
            for (String component : List.of("gateway", "router")) {
                String stamp = restartedAt(component);
                if (stamp != null && !stamp.equals(lastRestart.get(component))) {
                    lastRestart.put(component, stamp);
                    post("/sim/" + component + "/restart?downtimeMs=500");
                    done.add("restart " + component);
                }
                // A rollback changes the pods' template: new pods, so a restart of the component too.
                String image = image(component);
                if (image != null && !image.equals(lastImage.get(component))) {
                    lastImage.put(component, image);
                    post("/sim/" + component + "/restart?downtimeMs=500");
                    done.add("roll out " + image);
                }
            }
            readyRestoredWorkloads();
            if (!servedFromNewCluster
                    && client.apps()
                                    .deployments()
                                    .inNamespace(newCluster)
                                    .withName("mcp-gateway")
                                    .get()
                            != null) {
                post("/sim/gateway/healthy");
                servedFromNewCluster = true;
                done.add("serve gateway from " + newCluster);
            }
        } catch (RuntimeException | IOException e) {
            // the next look tries again; the tests see the effect or its absence
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String restartedAt(String component) {
        Deployment deployment = client.apps()
                .deployments()
                .inNamespace(namespace)
                .withName("mcp-" + component)
                .get();
        if (deployment == null
                || deployment.getSpec().getTemplate().getMetadata() == null
                || deployment.getSpec().getTemplate().getMetadata().getAnnotations() == null) {
            return null;
        }
        return deployment.getSpec().getTemplate().getMetadata().getAnnotations().get(RESTARTED_AT);
    }

    private String image(String component) {
        Deployment deployment = client.apps()
                .deployments()
                .inNamespace(namespace)
                .withName("mcp-" + component)
                .get();
        return deployment == null
                ? null
                : deployment
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage();
    }

    /** Workloads a restore labelled anywhere come up: all their replicas ready. */
    private void readyRestoredWorkloads() {
        for (Deployment deployment : client.apps()
                .deployments()
                .inAnyNamespace()
                .withLabel(RestoreTargets.RESTORED_FROM)
                .list()
                .getItems()) {
            int wanted = deployment.getSpec().getReplicas() == null
                    ? 1
                    : deployment.getSpec().getReplicas();
            if (deployment.getStatus() == null
                    || !Integer.valueOf(wanted).equals(deployment.getStatus().getReadyReplicas())) {
                deployment.setStatus(new DeploymentStatusBuilder()
                        .withReplicas(wanted)
                        .withReadyReplicas(wanted)
                        .withAvailableReplicas(wanted)
                        .build());
                client.apps().deployments().resource(deployment).updateStatus();
                done.add("ready " + deployment.getMetadata().getNamespace() + "/Deployment/"
                        + deployment.getMetadata().getName());
            }
        }
        for (StatefulSet set : client.apps()
                .statefulSets()
                .inAnyNamespace()
                .withLabel(RestoreTargets.RESTORED_FROM)
                .list()
                .getItems()) {
            int wanted = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
            if (set.getStatus() == null
                    || !Integer.valueOf(wanted).equals(set.getStatus().getReadyReplicas())) {
                set.setStatus(new StatefulSetStatusBuilder()
                        .withReplicas(wanted)
                        .withReadyReplicas(wanted)
                        .build());
                client.apps().statefulSets().resource(set).updateStatus();
                done.add("ready " + set.getMetadata().getNamespace() + "/StatefulSet/"
                        + set.getMetadata().getName());
            }
        }
    }

    private void post(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(simulator.resolve(path))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() >= 300) {
            throw new IOException(path + ": " + answer.statusCode() + " " + answer.body());
        }
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }
}
