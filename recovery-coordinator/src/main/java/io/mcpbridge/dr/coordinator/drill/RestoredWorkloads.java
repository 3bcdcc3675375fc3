package io.mcpbridge.dr.coordinator.drill;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mcpbridge.dr.events.backup.RestoreTargets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Whether MCP Bridge restored into a scratch namespace is up: every Deployment and StatefulSet a restore of the
 * backup put there (labelled {@value RestoreTargets#RESTORED_FROM}) has all its replicas ready. Read from the
 * Kubernetes API every {@link #POLL}; an API error is retried until the time is up.
 */
final class RestoredWorkloads implements FullDrill.Readiness {

    private static final Duration POLL = Duration.ofSeconds(2);

    private final KubernetesClient client;
    private final Clock clock;

    RestoredWorkloads(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public String awaitReady(String namespace, String backupId, Duration timeout)
            throws InterruptedException, TimeoutException {
        Instant deadline = clock.instant().plus(timeout);
        String waitingFor = "nothing read yet";
        while (true) {
            try {
                List<String> ready = new ArrayList<>();
                List<String> notReady = new ArrayList<>();
                for (Deployment deployment : client.apps()
                        .deployments()
                        .inNamespace(namespace)
                        .withLabel(RestoreTargets.RESTORED_FROM, backupId)
                        .list()
                        .getItems()) {
                    sort(
                            deployment,
                            deployment.getSpec().getReplicas(),
                            deployment.getStatus() == null
                                    ? null
                                    : deployment.getStatus().getReadyReplicas(),
                            ready,
                            notReady);
                }
                for (StatefulSet set : client.apps()
                        .statefulSets()
                        .inNamespace(namespace)
                        .withLabel(RestoreTargets.RESTORED_FROM, backupId)
                        .list()
                        .getItems()) {
                    sort(
                            set,
                            set.getSpec().getReplicas(),
                            set.getStatus() == null ? null : set.getStatus().getReadyReplicas(),
                            ready,
                            notReady);
                }
                if (ready.isEmpty() && notReady.isEmpty()) {
                    waitingFor = "no workload of backup " + backupId + " in namespace " + namespace;
                } else if (notReady.isEmpty()) {
                    return "ready: " + String.join(", ", ready);
                } else {
                    waitingFor = "not ready: " + String.join(", ", notReady);
                }
            } catch (KubernetesClientException e) {
                waitingFor = "the Kubernetes API: " + e.getMessage();
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new TimeoutException(waitingFor + " after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static void sort(
            HasMetadata workload, Integer replicas, Integer readyReplicas, List<String> ready, List<String> notReady) {
        int wanted = replicas == null ? 1 : replicas;
        int up = readyReplicas == null ? 0 : readyReplicas;
        String name = workload.getKind() + " " + workload.getMetadata().getName();
        (up >= wanted ? ready : notReady).add(name + " " + up + "/" + wanted);
    }
}
