package io.mcpbridge.dr.coordinator.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.mcpbridge.dr.testing.ClusterFixtures;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The plan's kubectl steps against a Kubernetes API (the fabric8 mock server in CRUD mode). */
@EnableKubernetesMockClient(crud = true)
class KubernetesActionsTest {

    private static final String NS = "mcp-system";
    private static final Map<String, String> LABELS = Map.of("app", "mcp-gateway");

    static KubernetesClient client;

    private KubernetesActions actions;

    @BeforeEach
    void createGateway() {
        actions = new KubernetesActions(client);
        client.apps().deployments().inNamespace(NS).withName("mcp-gateway").delete();
        client.apps()
                .deployments()
                .inNamespace(NS)
                .resource(gateway("mcp-bridge/gateway:1.1.0", "2"))
                .create();
    }

    @Test
    void aRolloutRestartSetsTheRestartedAtAnnotationWhichTellsItHappened() {
        assertThat(actions.restartedAt(NS, "mcp-gateway")).isEmpty();
        Instant before = Instant.now().minusSeconds(1);

        ActionResult result = actions.rolloutRestart(NS, "mcp-gateway");

        assertThat(result.succeeded()).as(result.detail()).isTrue();
        assertThat(actions.restartedAt(NS, "mcp-gateway"))
                .hasValueSatisfying(at -> assertThat(at).isAfter(before));
    }

    @Test
    void theSessionStoreRunsAsAStatefulSetAndIsRestartedLikeADeploymentAndWithEverythingElse() {
        Map<String, String> redis = Map.of("app", "redis");
        client.apps()
                .statefulSets()
                .inNamespace(NS)
                .resource(new StatefulSetBuilder()
                        .withNewMetadata()
                        .withName("redis")
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(1)
                        .withServiceName("redis")
                        .withNewSelector()
                        .withMatchLabels(redis)
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .withLabels(redis)
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("redis")
                        .withImage("redis:7")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .createOr(existing -> existing.update());
        Instant before = Instant.now().minusSeconds(1);

        ActionResult result = actions.rolloutRestart(NS, "redis");

        assertThat(result.succeeded()).as(result.detail()).isTrue();
        assertThat(result.detail()).isEqualTo("rollout restart statefulset/redis in " + NS);
        assertThat(actions.restartedAt(NS, "redis"))
                .hasValueSatisfying(at -> assertThat(at).isAfter(before));
        assertThat(actions.workloads(NS)).contains("mcp-gateway", "redis");
        assertThat(actions.rolloutRestart(NS, "nothing-here").detail())
                .contains("no deployment or statefulset of that name");
    }

    @Test
    void aRolloutUndoGoesBackToThePreviousReplicaSet() {
        ClusterFixtures.replicaSet(client, NS, "mcp-gateway-v1", "1", LABELS, "gateway", "mcp-bridge/gateway:1.0.0");
        ClusterFixtures.replicaSet(client, NS, "mcp-gateway-v2", "2", LABELS, "gateway", "mcp-bridge/gateway:1.1.0");

        ActionResult result = actions.rolloutUndo(NS, "mcp-gateway");

        assertThat(result.succeeded()).as(result.detail()).isTrue();
        Deployment undone = client.apps()
                .deployments()
                .inNamespace(NS)
                .withName("mcp-gateway")
                .get();
        assertThat(undone.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
                .isEqualTo("mcp-bridge/gateway:1.0.0");
    }

    @Test
    void scaleAndDeletePods() {
        client.pods()
                .inNamespace(NS)
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName("mcp-gateway-abc")
                        .withLabels(LABELS)
                        .endMetadata()
                        .build())
                .create();
        client.pods()
                .inNamespace(NS)
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName("other")
                        .withLabels(Map.of("app", "other"))
                        .endMetadata()
                        .build())
                .create();

        assertThat(actions.scale(NS, "mcp-gateway", 4).succeeded()).isTrue();
        ActionResult deleted = actions.deletePods(NS, "mcp-gateway");

        assertThat(client.apps()
                        .deployments()
                        .inNamespace(NS)
                        .withName("mcp-gateway")
                        .get()
                        .getSpec()
                        .getReplicas())
                .isEqualTo(4);
        assertThat(deleted.detail()).contains("deleted 1 pods");
        assertThat(client.pods().inNamespace(NS).withName("mcp-gateway-abc").get())
                .isNull();
        assertThat(client.pods().inNamespace(NS).withName("other").get()).isNotNull();
    }

    @Test
    void aRotatedCredentialIsFreshAndNeverReported() {
        client.secrets()
                .inNamespace(NS)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("mcp-credentials")
                        .endMetadata()
                        .withData(Map.of("token", "b2xkLXRva2Vu", "other", "a2VlcA=="))
                        .build())
                .create();

        ActionResult first = actions.rotateSecret(NS, "mcp-credentials", "token");
        String afterFirst = client.secrets()
                .inNamespace(NS)
                .withName("mcp-credentials")
                .get()
                .getData()
                .get("token");
        ActionResult second = actions.rotateSecret(NS, "mcp-credentials", "token");
        Map<String, String> data = client.secrets()
                .inNamespace(NS)
                .withName("mcp-credentials")
                .get()
                .getData();

        assertThat(first.succeeded()).as(first.detail()).isTrue();
        assertThat(afterFirst).isNotEqualTo("b2xkLXRva2Vu");
        assertThat(data.get("token")).isNotEqualTo(afterFirst);
        assertThat(data).containsEntry("other", "a2VlcA==");
        assertThat(first.detail() + second.detail()).doesNotContain(afterFirst).doesNotContain(data.get("token"));
    }

    @Test
    void whatTheApiRefusesIsAFailedResultWithTheReason() {
        ActionResult missing = actions.rolloutRestart(NS, "no-such-deployment");
        ActionResult missingSecret = actions.rotateSecret(NS, "no-such-secret", "token");

        assertThat(missing.succeeded()).isFalse();
        assertThat(missing.detail()).contains("rollout restart no-such-deployment: no deployment or statefulset");
        assertThat(missingSecret.succeeded()).isFalse();
    }

    private static Deployment gateway(String image, String revision) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName("mcp-gateway")
                .addToAnnotations("deployment.kubernetes.io/revision", revision)
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withNewSelector()
                .withMatchLabels(LABELS)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(LABELS)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("gateway")
                .withImage(image)
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }
}
