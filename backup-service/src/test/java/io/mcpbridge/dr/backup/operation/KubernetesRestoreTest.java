package io.mcpbridge.dr.backup.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.mcpbridge.dr.backup.archive.Progress;
import io.mcpbridge.dr.backup.store.BackupIndex;
import io.mcpbridge.dr.backup.store.DirectoryObjectStore;
import io.mcpbridge.dr.backup.support.Contexts;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.backup.RestoreTargets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The namespace's resources, backed up from a Kubernetes API (the fabric8 mock server in CRUD mode) and
 * restored into a new namespace: all recreated, none carrying what the server manages.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesRestoreTest {

    static KubernetesClient client;

    @TempDir
    Path dir;

    @Test
    void resourcesComeBackInANewNamespaceWithoutServerManagedFields() throws Exception {
        createBridgeResources("mcp-system");
        BackupContext context = Contexts.context(new DirectoryObjectStore(dir.resolve("store")), Contexts.randomKey(),
                Clock.systemUTC(), null, () -> client, Contexts.sources(dir, dir, "127.0.0.1:1", "mcp-system"));

        Outcome backup = new BackupTaker(context).take(new BackupRequest(List.of(BackupScope.KUBERNETES),
                context.sources(), BackupIndex.Purpose.MANUAL, false, "drill", "test"), new Progress());
        assertThat(backup.counts()).containsEntry("kubernetesResources", 6L);

        Outcome restore = new BackupRestore(context.withDestinations(context.destinations()
                .withNamespaces(List.of("mcp-system-dr")))).restore(backup.backupId(), List.of(BackupScope.KUBERNETES),
                new RestoreTargets(null, "mcp-system-dr", null), "drill", "test", new Progress());

        assertThat(restore.counts()).containsEntry("kubernetesResources", 6L);
        assertThat(client.namespaces().withName("mcp-system-dr").get()).isNotNull();
        List<HasMetadata> restored = List.of(
                client.secrets().inNamespace("mcp-system-dr").withName("mcp-credentials").get(),
                client.configMaps().inNamespace("mcp-system-dr").withName("mcp-config").get(),
                client.persistentVolumeClaims().inNamespace("mcp-system-dr").withName("redis-data").get(),
                client.services().inNamespace("mcp-system-dr").withName("mcp-gateway").get(),
                client.apps().deployments().inNamespace("mcp-system-dr").withName("mcp-gateway").get(),
                client.network().v1().ingresses().inNamespace("mcp-system-dr").withName("mcp-gateway").get());
        assertThat(restored).doesNotContainNull();
        assertThat(restored).allSatisfy(resource -> {
            assertThat(resource.getMetadata().getNamespace()).isEqualTo("mcp-system-dr");
            assertThat(resource.getMetadata().getOwnerReferences()).isNullOrEmpty();
            assertThat(resource.getMetadata().getAnnotations()).doesNotContainKey("deployment.kubernetes.io/revision");
            // The server gave each its own new identity: nothing carried over from the source namespace.
            assertThat(resource.getMetadata().getUid()).isNotEqualTo("uid-from-the-source");
        });
        Deployment gateway = client.apps().deployments().inNamespace("mcp-system-dr").withName("mcp-gateway").get();
        assertThat(gateway.getSpec().getReplicas()).isEqualTo(3);
        assertThat(gateway.getStatus()).isNull();
        assertThat(client.services().inNamespace("mcp-system-dr").withName("mcp-gateway").get().getSpec()
                .getClusterIP()).isNotEqualTo("10.96.0.42");
        assertThat(client.secrets().inNamespace("mcp-system-dr").withName("mcp-credentials").get().getData())
                .containsEntry("redis-password", "czNjcjN0");
        assertThat(client.configMaps().inNamespace("mcp-system-dr").list().getItems())
                .extracting(cm -> cm.getMetadata().getName())
                .as("the cluster's own root CA ConfigMap is not copied")
                .doesNotContain("kube-root-ca.crt");
    }

    @Test
    void archivedDocumentsCarryNoServerManagedFields() throws Exception {
        createBridgeResources("mcp-archive");
        BackupContext context = Contexts.context(new DirectoryObjectStore(dir.resolve("store")), Contexts.randomKey(),
                Clock.systemUTC(), null, () -> client, Contexts.sources(dir, dir, "127.0.0.1:1", "mcp-archive"));

        List<io.mcpbridge.dr.backup.kubernetes.KubernetesSnapshot.Document> documents =
                new io.mcpbridge.dr.backup.kubernetes.KubernetesSnapshot(client).read("mcp-archive");

        assertThat(documents).extracting(document -> document.entryName()).containsExactly(
                "kubernetes/1-secrets/mcp-credentials.json", "kubernetes/2-configmaps/mcp-config.json",
                "kubernetes/3-persistentvolumeclaims/redis-data.json", "kubernetes/4-services/mcp-gateway.json",
                "kubernetes/5-deployments/mcp-gateway.json", "kubernetes/6-ingresses/mcp-gateway.json");
        assertThat(documents).allSatisfy(document -> assertThat(new String(document.json()))
                .doesNotContain("\"status\"", "\"uid\"", "resourceVersion", "managedFields", "creationTimestamp",
                        "\"generation\"", "\"namespace\"", "clusterIP", "volumeName", "deployment.kubernetes.io/revision"));
        assertThat(context.sources().namespace()).isEqualTo("mcp-archive");
    }

    private static void createBridgeResources(String namespace) {
        Map<String, String> labels = Map.of("app", "mcp-gateway");
        client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata()
                .withName("mcp-credentials").withUid("uid-from-the-source").endMetadata()
                .withData(Map.of("redis-password", "czNjcjN0")).build()).create();
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
                .withName("mcp-config").endMetadata().withData(Map.of("gateway.yaml", "listen: 8443")).build()).create();
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
                .withName("kube-root-ca.crt").endMetadata().withData(Map.of("ca.crt", "...")).build()).create();
        client.persistentVolumeClaims().inNamespace(namespace).resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("redis-data").endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withVolumeName("pv-0042")
                .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources().endSpec()
                .build()).create();
        client.services().inNamespace(namespace).resource(new ServiceBuilder().withNewMetadata()
                .withName("mcp-gateway").endMetadata()
                .withNewSpec().withClusterIP("10.96.0.42").withSelector(labels).addNewPort().withPort(8443).endPort()
                .endSpec().build()).create();
        client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder().withNewMetadata()
                .withName("mcp-gateway").withGeneration(7L)
                .addToAnnotations("deployment.kubernetes.io/revision", "4").endMetadata()
                .withNewSpec().withReplicas(3).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("gateway").withImage("mcp-bridge/gateway:1.0.0").endContainer()
                .endSpec().endTemplate().endSpec()
                .withNewStatus().withReadyReplicas(3).endStatus()
                .build()).create();
        client.network().v1().ingresses().inNamespace(namespace).resource(new IngressBuilder().withNewMetadata()
                .withName("mcp-gateway").endMetadata()
                .withNewSpec().addNewRule().withHost("mcp.example.com").endRule().endSpec().build()).create();
    }
}
