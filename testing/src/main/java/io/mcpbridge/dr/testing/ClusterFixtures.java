package io.mcpbridge.dr.testing;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * What the mock API server holds for a test: Deployments, and what a Deployment controller would have left,
 * which the server has none of: the ReplicaSets of earlier revisions that a rollout undo goes back to.
 */
public final class ClusterFixtures {

    private ClusterFixtures() {}

    /**
     * A Deployment {@code name} of MCP Bridge ({@code mcp-bridge/<name>:1.0.0}, two replicas) whose pods are
     * labelled {@code app: name}, created or updated.
     */
    public static void deployment(KubernetesClient client, String namespace, String name) {
        deployment(client, namespace, name, Map.of("app", name), 2, "app", "mcp-bridge/" + name + ":1.0.0");
    }

    /** A Deployment whose selector and pods carry {@code labels}, with one container, created or updated. */
    public static void deployment(
            KubernetesClient client,
            String namespace,
            String name,
            Map<String, String> labels,
            int replicas,
            String container,
            String image) {
        client.apps()
                .deployments()
                .inNamespace(namespace)
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(replicas)
                        .withNewSelector()
                        .withMatchLabels(labels)
                        .endSelector()
                        .withTemplate(pods(labels, container, image))
                        .endSpec()
                        .build())
                .createOr(existing -> existing.update());
    }

    public static void replicaSet(
            KubernetesClient client,
            String namespace,
            String name,
            String revision,
            Map<String, String> labels,
            String container,
            String image) {
        client.apps()
                .replicaSets()
                .inNamespace(namespace)
                .resource(new ReplicaSetBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withLabels(labels)
                        .addToAnnotations("deployment.kubernetes.io/revision", revision)
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(0)
                        .withNewSelector()
                        .withMatchLabels(labels)
                        .endSelector()
                        .withTemplate(pods(labels, container, image))
                        .endSpec()
                        .build())
                .create();
    }

    /** The pods a Deployment or ReplicaSet makes: {@code labels}, one container. */
    private static PodTemplateSpec pods(Map<String, String> labels, String container, String image) {
        return new PodTemplateSpecBuilder()
                .withNewMetadata()
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName(container)
                .withImage(image)
                .endContainer()
                .endSpec()
                .build();
    }
}
