package io.mcpbridge.dr.system.proof;

import io.fabric8.kubernetes.api.model.Service;
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
 * would); a rollout restart of the session store ({@code redis}) brings its Service's endpoints back to it (with
 * whatever data its store kept); when the Service {@code redis} is switched to another Deployment's pods, the
 * Service's address follows ({@link ServiceProxy}); when a restore puts workloads into a namespace, they report all
 * their replicas ready; when the gateway's Deployment is restored into the new cluster's namespace (infrastructure
 * loss), the simulated gateway is served from there, healthy again. It reads the API every {@value #POLL_MILLIS} ms
 * and remembers what it did, for the tests to check.
 */
final class KubernetesStandIn implements AutoCloseable {

    private static final long POLL_MILLIS = 200;
    private static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    private final KubernetesClient client;
    private final String namespace;
    private final String newCluster;
    private final URI simulator;
    private final ServiceProxy redis;
    private final Map<String, Integer> redisBackends;
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
    private String redisSelector;
    private boolean servedFromNewCluster;

    private KubernetesStandIn(
            KubernetesClient client,
            String namespace,
            String newCluster,
            URI simulator,
            ServiceProxy redis,
            Map<String, Integer> redisBackends) {
        this.client = client;
        this.namespace = namespace;
        this.newCluster = newCluster;
        this.simulator = simulator;
        this.redis = redis;
        this.redisBackends = Map.copyOf(redisBackends);
    }

    /**
     * @param namespace        where MCP Bridge runs
     * @param newCluster       the namespace standing for the new infrastructure
     * @param simulatorControl the simulator's control API, {@code http://127.0.0.1:<port>}
     * @param redis            the session store's Service
     * @param redisBackends    the port of each Deployment's session store, by the {@code app} its pods carry
     */
    static KubernetesStandIn start(
            KubernetesClient client,
            String namespace,
            String newCluster,
            URI simulatorControl,
            ServiceProxy redis,
            Map<String, Integer> redisBackends) {
        KubernetesStandIn standIn =
                new KubernetesStandIn(client, namespace, newCluster, simulatorControl, redis, redisBackends);
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
            lastRestart.put(component, restartedAt("mcp-" + component));
            lastImage.put(component, image(component));
        }
        lastRestart.put("redis", restartedAt("redis"));
        redisSelector = redisSelector();
    }

    private void look() {
        try {
            for (String component : List.of("gateway", "router")) {
                String stamp = restartedAt("mcp-" + component);
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
            String redisStamp = restartedAt("redis");
            if (redisStamp != null && !redisStamp.equals(lastRestart.get("redis"))) {
                lastRestart.put("redis", redisStamp);
                redis.pointTo(redisBackends.get("redis"));
                done.add("restart redis");
            }
            String selector = redisSelector();
            if (selector != null && !selector.equals(redisSelector)) {
                redisSelector = selector;
                redis.pointTo(redisBackends.get(selector));
                done.add("point redis at " + selector);
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

    /** The {@code app} the session store's Service selects. */
    private String redisSelector() {
        Service service =
                client.services().inNamespace(namespace).withName("redis").get();
        return service == null || service.getSpec().getSelector() == null
                ? null
                : service.getSpec().getSelector().get("app");
    }

    private String restartedAt(String workload) {
        Deployment deployment = client.apps()
                .deployments()
                .inNamespace(namespace)
                .withName(workload)
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
