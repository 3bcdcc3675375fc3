package io.mcpbridge.dr.backup.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.mcpbridge.dr.backup.archive.Progress;
import io.mcpbridge.dr.backup.kubernetes.KubernetesSnapshot;
import io.mcpbridge.dr.backup.store.DirectoryObjectStore;
import io.mcpbridge.dr.backup.support.Contexts;
import io.mcpbridge.dr.events.backup.BackupIndex;
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
        BackupContext context = Contexts.context(
                new DirectoryObjectStore(dir.resolve("store")),
                Contexts.randomKey(),
                Clock.systemUTC(),
                null,
                () -> client,
                Contexts.sources(dir, dir, "127.0.0.1:1", "mcp-system"));

        Outcome backup = new BackupTaker(context)
                .take(
                        new BackupRequest(
                                List.of(BackupScope.KUBERNETES),
                                context.sources(),
                                BackupIndex.Purpose.MANUAL,
                                false,
                                "drill",
                                "test"),
                        new Progress());
        assertThat(backup.counts()).containsEntry("kubernetesResources", 6L);

        Outcome restore = new BackupRestore(
                        context.withDestinations(context.destinations().withNamespaces(List.of("mcp-system-dr"))))
                .restore(
                        backup.backupId(),
                        List.of(BackupScope.KUBERNETES),
                        new RestoreTargets(null, "mcp-system-dr", null),
                        "drill",
                        "test",
                        new Progress());

        assertThat(restore.counts()).containsEntry("kubernetesResources", 6L);
        assertThat(client.namespaces().withName("mcp-system-dr").get()).isNotNull();
        List<HasMetadata> restored = List.of(
                client.secrets()
                        .inNamespace("mcp-system-dr")
                        .withName("mcp-credentials")
                        .get(),
                client.configMaps()
                        .inNamespace("mcp-system-dr")
                        .withName("mcp-config")
                        .get(),
                client.persistentVolumeClaims()
                        .inNamespace("mcp-system-dr")
                        .withName("redis-data")
                        .get(),
                client.services()
                        .inNamespace("mcp-system-dr")
                        .withName("mcp-gateway")
                        .get(),
                client.apps()
                        .deployments()
                        .inNamespace("mcp-system-dr")
                        .withName("mcp-gateway")
                        .get(),
                client.network()
                        .v1()
                        .ingresses()
                        .inNamespace("mcp-system-dr")
                        .withName("mcp-gateway")
                        .get());
        assertThat(restored).doesNotContainNull();
        assertThat(restored).allSatisfy(resource -> {
            assertThat(resource.getMetadata().getNamespace()).isEqualTo("mcp-system-dr");
            assertThat(resource.getMetadata().getOwnerReferences()).isNullOrEmpty();
            assertThat(resource.getMetadata().getAnnotations()).doesNotContainKey("deployment.kubernetes.io/revision");
            // The server gave each its own new identity: nothing carried over from the source namespace.
            assertThat(resource.getMetadata().getUid()).isNotEqualTo("uid-from-the-source");
        });
        Deployment gateway = client.apps()
                .deployments()
                .inNamespace("mcp-system-dr")
                .withName("mcp-gateway")
                .get();
        assertThat(gateway.getSpec().getReplicas()).isEqualTo(3);
        assertThat(gateway.getStatus()).isNull();
        assertThat(client.services()
                        .inNamespace("mcp-system-dr")
                        .withName("mcp-gateway")
                        .get()
                        .getSpec()
                        .getClusterIP())
                .isNotEqualTo("10.96.0.42");
        assertThat(client.secrets()
                        .inNamespace("mcp-system-dr")
                        .withName("mcp-credentials")
                        .get()
                        .getData())
                .containsEntry("redis-password", "czNjcjN0");
        assertThat(client.configMaps().inNamespace("mcp-system-dr").list().getItems())
                .extracting(cm -> cm.getMetadata().getName())
                .as("the cluster's own root CA ConfigMap is not copied")
                .doesNotContain("kube-root-ca.crt");
    }

    @Test
    void archivedDocumentsCarryNoServerManagedFields() throws Exception {
        createBridgeResources("mcp-archive");
        BackupContext context = Contexts.context(
                new DirectoryObjectStore(dir.resolve("store")),
                Contexts.randomKey(),
                Clock.systemUTC(),
                null,
                () -> client,
                Contexts.sources(dir, dir, "127.0.0.1:1", "mcp-archive"));

        List<KubernetesSnapshot.Document> documents = new KubernetesSnapshot(client).read("mcp-archive");

        assertThat(documents)
                .extracting(document -> document.entryName())
                .containsExactly(
                        "kubernetes/1-secrets/mcp-credentials.json", "kubernetes/2-configmaps/mcp-config.json",
                        "kubernetes/3-persistentvolumeclaims/redis-data.json", "kubernetes/4-services/mcp-gateway.json",
                        "kubernetes/5-deployments/mcp-gateway.json", "kubernetes/6-ingresses/mcp-gateway.json");
        assertThat(documents)
                .allSatisfy(document -> assertThat(new String(document.json()))
                        .doesNotContain(
                                "\"status\"",
                                "\"uid\"",
                                "resourceVersion",
                                "managedFields",
                                "creationTimestamp",
                                "\"generation\"",
                                "\"namespace\"",
                                "clusterIP",
                                "volumeName",
                                "deployment.kubernetes.io/revision"));
        assertThat(context.sources().namespace()).isEqualTo("mcp-archive");
    }

    @Test
    void theRedisStatefulSetAndEverythingGetAllNamesComeBackButNotWhatAnotherObjectOwns() throws Exception {
        String ns = "mcp-kinds";
        Map<String, String> redis = Map.of("app", "redis");
        client.apps()
                .statefulSets()
                .inNamespace(ns)
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
                .create();
        client.apps()
                .daemonSets()
                .inNamespace(ns)
                .resource(new DaemonSetBuilder()
                        .withNewMetadata()
                        .withName("log-shipper")
                        .endMetadata()
                        .withNewSpec()
                        .withNewSelector()
                        .withMatchLabels(Map.of("app", "log-shipper"))
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .withLabels(Map.of("app", "log-shipper"))
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("shipper")
                        .withImage("shipper:1")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create();
        client.batch()
                .v1()
                .cronjobs()
                .inNamespace(ns)
                .resource(new CronJobBuilder()
                        .withNewMetadata()
                        .withName("session-cleanup")
                        .endMetadata()
                        .withNewSpec()
                        .withSchedule("0 * * * *")
                        .withNewJobTemplate()
                        .withNewSpec()
                        .withNewTemplate()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("cleanup")
                        .withImage("cleanup:1")
                        .endContainer()
                        .withRestartPolicy("OnFailure")
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .endJobTemplate()
                        .endSpec()
                        .build())
                .create();
        Map<String, String> jobPods = Map.of(
                "controller-uid",
                "3f1c",
                "batch.kubernetes.io/controller-uid",
                "3f1c",
                "job-name",
                "migrate",
                "app",
                "migrate");
        client.batch()
                .v1()
                .jobs()
                .inNamespace(ns)
                .resource(new JobBuilder()
                        .withNewMetadata()
                        .withName("migrate")
                        .endMetadata()
                        .withNewSpec()
                        .withNewSelector()
                        .withMatchLabels(Map.of("controller-uid", "3f1c"))
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .withLabels(jobPods)
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("migrate")
                        .withImage("migrate:1")
                        .endContainer()
                        .withRestartPolicy("Never")
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create();
        client.batch()
                .v1()
                .jobs()
                .inNamespace(ns)
                .resource(new JobBuilder()
                        .withNewMetadata()
                        .withName("session-cleanup-29010")
                        .addNewOwnerReference()
                        .withApiVersion("batch/v1")
                        .withKind("CronJob")
                        .withName("session-cleanup")
                        .withUid("cron-uid")
                        .endOwnerReference()
                        .endMetadata()
                        .withNewSpec()
                        .withNewTemplate()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("cleanup")
                        .withImage("cleanup:1")
                        .endContainer()
                        .withRestartPolicy("OnFailure")
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create();
        client.autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace(ns)
                .resource(new HorizontalPodAutoscalerBuilder()
                        .withNewMetadata()
                        .withName("mcp-gateway")
                        .endMetadata()
                        .withNewSpec()
                        .withMaxReplicas(5)
                        .withNewScaleTargetRef()
                        .withApiVersion("apps/v1")
                        .withKind("Deployment")
                        .withName("mcp-gateway")
                        .endScaleTargetRef()
                        .endSpec()
                        .build())
                .create();
        client.serviceAccounts()
                .inNamespace(ns)
                .resource(new ServiceAccountBuilder()
                        .withNewMetadata()
                        .withName("default")
                        .endMetadata()
                        .build())
                .create();
        client.serviceAccounts()
                .inNamespace(ns)
                .resource(new ServiceAccountBuilder()
                        .withNewMetadata()
                        .withName("mcp-gateway")
                        .endMetadata()
                        .build())
                .create();
        client.rbac()
                .roles()
                .inNamespace(ns)
                .resource(new RoleBuilder()
                        .withNewMetadata()
                        .withName("mcp-reader")
                        .endMetadata()
                        .addNewRule()
                        .withApiGroups("")
                        .withResources("configmaps")
                        .withVerbs("get")
                        .endRule()
                        .build())
                .create();
        client.rbac()
                .roleBindings()
                .inNamespace(ns)
                .resource(new RoleBindingBuilder()
                        .withNewMetadata()
                        .withName("mcp-reader")
                        .endMetadata()
                        .withNewRoleRef()
                        .withApiGroup("rbac.authorization.k8s.io")
                        .withKind("Role")
                        .withName("mcp-reader")
                        .endRoleRef()
                        .addNewSubject()
                        .withKind("ServiceAccount")
                        .withName("mcp-gateway")
                        .endSubject()
                        .build())
                .create();
        client.network()
                .v1()
                .networkPolicies()
                .inNamespace(ns)
                .resource(new NetworkPolicyBuilder()
                        .withNewMetadata()
                        .withName("default-deny")
                        .endMetadata()
                        .withNewSpec()
                        .withNewPodSelector()
                        .endPodSelector()
                        .withPolicyTypes("Ingress")
                        .endSpec()
                        .build())
                .create();
        client.policy()
                .v1()
                .podDisruptionBudget()
                .inNamespace(ns)
                .resource(new PodDisruptionBudgetBuilder()
                        .withNewMetadata()
                        .withName("redis")
                        .endMetadata()
                        .withNewSpec()
                        .withNewMinAvailable(1)
                        .withNewSelector()
                        .withMatchLabels(redis)
                        .endSelector()
                        .endSpec()
                        .build())
                .create();
        BackupContext context = Contexts.context(
                new DirectoryObjectStore(dir.resolve("store")),
                Contexts.randomKey(),
                Clock.systemUTC(),
                null,
                () -> client,
                Contexts.sources(dir, dir, "127.0.0.1:1", ns));

        Outcome backup = new BackupTaker(context)
                .take(
                        new BackupRequest(
                                List.of(BackupScope.KUBERNETES),
                                context.sources(),
                                BackupIndex.Purpose.MANUAL,
                                false,
                                "drill",
                                "test"),
                        new Progress());
        Outcome restore = new BackupRestore(
                        context.withDestinations(context.destinations().withNamespaces(List.of("mcp-kinds-dr"))))
                .restore(
                        backup.backupId(),
                        List.of(BackupScope.KUBERNETES),
                        new RestoreTargets(null, "mcp-kinds-dr", null),
                        "drill",
                        "test",
                        new Progress());

        String dr = "mcp-kinds-dr";
        assertThat(restore.counts()).containsEntry("kubernetesResources", 10L);
        assertThat(client.apps()
                        .statefulSets()
                        .inNamespace(dr)
                        .withName("redis")
                        .get())
                .isNotNull();
        assertThat(client.apps()
                        .daemonSets()
                        .inNamespace(dr)
                        .withName("log-shipper")
                        .get())
                .isNotNull();
        assertThat(client.batch()
                        .v1()
                        .cronjobs()
                        .inNamespace(dr)
                        .withName("session-cleanup")
                        .get())
                .isNotNull();
        assertThat(client.autoscaling()
                        .v2()
                        .horizontalPodAutoscalers()
                        .inNamespace(dr)
                        .withName("mcp-gateway")
                        .get())
                .isNotNull();
        assertThat(client.serviceAccounts()
                        .inNamespace(dr)
                        .withName("mcp-gateway")
                        .get())
                .isNotNull();
        assertThat(client.rbac().roles().inNamespace(dr).withName("mcp-reader").get())
                .isNotNull();
        assertThat(client.rbac()
                        .roleBindings()
                        .inNamespace(dr)
                        .withName("mcp-reader")
                        .get())
                .isNotNull();
        assertThat(client.network()
                        .v1()
                        .networkPolicies()
                        .inNamespace(dr)
                        .withName("default-deny")
                        .get())
                .isNotNull();
        assertThat(client.policy()
                        .v1()
                        .podDisruptionBudget()
                        .inNamespace(dr)
                        .withName("redis")
                        .get())
                .isNotNull();
        var migrate =
                client.batch().v1().jobs().inNamespace(dr).withName("migrate").get();
        assertThat(migrate.getSpec().getSelector())
                .as("the server makes a new Job its own selector")
                .isNull();
        assertThat(migrate.getSpec().getTemplate().getMetadata().getLabels()).containsOnlyKeys("app");
        assertThat(client.batch()
                        .v1()
                        .jobs()
                        .inNamespace(dr)
                        .withName("session-cleanup-29010")
                        .get())
                .as("its CronJob makes it again")
                .isNull();
        assertThat(client.serviceAccounts().inNamespace(dr).withName("default").get())
                .as("every namespace makes its own")
                .isNull();
    }

    private static void createBridgeResources(String namespace) {
        Map<String, String> labels = Map.of("app", "mcp-gateway");
        client.secrets()
                .inNamespace(namespace)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("mcp-credentials")
                        .withUid("uid-from-the-source")
                        .endMetadata()
                        .withData(Map.of("redis-password", "czNjcjN0"))
                        .build())
                .create();
        client.configMaps()
                .inNamespace(namespace)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("mcp-config")
                        .endMetadata()
                        .withData(Map.of("gateway.yaml", "listen: 8443"))
                        .build())
                .create();
        client.configMaps()
                .inNamespace(namespace)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("kube-root-ca.crt")
                        .endMetadata()
                        .withData(Map.of("ca.crt", "..."))
                        .build())
                .create();
        client.persistentVolumeClaims()
                .inNamespace(namespace)
                .resource(new PersistentVolumeClaimBuilder()
                        .withNewMetadata()
                        .withName("redis-data")
                        .endMetadata()
                        .withNewSpec()
                        .withAccessModes("ReadWriteOnce")
                        .withVolumeName("pv-0042")
                        .withNewResources()
                        .addToRequests("storage", new Quantity("1Gi"))
                        .endResources()
                        .endSpec()
                        .build())
                .create();
        client.services()
                .inNamespace(namespace)
                .resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName("mcp-gateway")
                        .endMetadata()
                        .withNewSpec()
                        .withClusterIP("10.96.0.42")
                        .withSelector(labels)
                        .addNewPort()
                        .withPort(8443)
                        .endPort()
                        .endSpec()
                        .build())
                .create();
        client.apps()
                .deployments()
                .inNamespace(namespace)
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName("mcp-gateway")
                        .withGeneration(7L)
                        .addToAnnotations("deployment.kubernetes.io/revision", "4")
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(3)
                        .withNewSelector()
                        .withMatchLabels(labels)
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .withLabels(labels)
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("gateway")
                        .withImage("mcp-bridge/gateway:1.0.0")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .withNewStatus()
                        .withReadyReplicas(3)
                        .endStatus()
                        .build())
                .create();
        client.network()
                .v1()
                .ingresses()
                .inNamespace(namespace)
                .resource(new IngressBuilder()
                        .withNewMetadata()
                        .withName("mcp-gateway")
                        .endMetadata()
                        .withNewSpec()
                        .addNewRule()
                        .withHost("mcp.example.com")
                        .endRule()
                        .endSpec()
                        .build())
                .create();
    }
}
