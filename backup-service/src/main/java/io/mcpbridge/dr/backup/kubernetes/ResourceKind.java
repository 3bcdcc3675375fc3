package io.mcpbridge.dr.backup.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.Arrays;
import java.util.Optional;

/**
 * The namespaced resources a backup keeps (what the plan's {@code kubectl get all,pvc,secrets} and its
 * ConfigMaps name, plus the namespace's own accounts, roles, policies and budgets), in the order a restore
 * applies them: the accounts and the Secrets, ConfigMaps and claims that pods use, the roles that bind them,
 * Services and policies, then the workloads (the Redis StatefulSet first), what scales and guards them, and
 * the Ingresses that route to the Services. Each kind has its archive folder; the six kinds archives held
 * before keep their numbered folders, so older archives restore.
 */
public enum ResourceKind {
    SERVICE_ACCOUNT("serviceaccounts", ServiceAccount.class),
    SECRET("1-secrets", Secret.class),
    CONFIG_MAP("2-configmaps", ConfigMap.class),
    PERSISTENT_VOLUME_CLAIM("3-persistentvolumeclaims", PersistentVolumeClaim.class),
    ROLE("roles", Role.class),
    ROLE_BINDING("rolebindings", RoleBinding.class),
    SERVICE("4-services", Service.class),
    NETWORK_POLICY("networkpolicies", NetworkPolicy.class),
    STATEFUL_SET("statefulsets", StatefulSet.class),
    DEPLOYMENT("5-deployments", Deployment.class),
    DAEMON_SET("daemonsets", DaemonSet.class),
    CRON_JOB("cronjobs", CronJob.class),
    JOB("jobs", Job.class),
    HORIZONTAL_POD_AUTOSCALER("horizontalpodautoscalers", HorizontalPodAutoscaler.class),
    POD_DISRUPTION_BUDGET("poddisruptionbudgets", PodDisruptionBudget.class),
    INGRESS("6-ingresses", Ingress.class);

    private final String folder;
    private final Class<? extends HasMetadata> type;

    ResourceKind(String folder, Class<? extends HasMetadata> type) {
        this.folder = folder;
        this.type = type;
    }

    public Class<? extends HasMetadata> type() {
        return type;
    }

    /** The archive folder of this kind. */
    public String folder() {
        return folder;
    }

    public static Optional<ResourceKind> ofFolder(String folder) {
        return Arrays.stream(values())
                .filter(kind -> kind.folder().equals(folder))
                .findFirst();
    }
}
