package io.mcpbridge.dr.coordinator.support;

import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * What a Deployment controller would have left in the mock API server, which has none: the ReplicaSets of
 * earlier revisions that a rollout undo goes back to.
 */
public final class ClusterFixtures {

    private ClusterFixtures() {
    }

    public static void replicaSet(KubernetesClient client, String namespace, String name, String revision,
            Map<String, String> labels, String container, String image) {
        client.apps().replicaSets().inNamespace(namespace).resource(new ReplicaSetBuilder().withNewMetadata()
                .withName(name).withLabels(labels).addToAnnotations("deployment.kubernetes.io/revision", revision)
                .endMetadata().withNewSpec().withReplicas(0).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName(container).withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
    }
}
