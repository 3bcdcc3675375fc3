package io.mcpbridge.dr.backup.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.Arrays;
import java.util.Optional;

/**
 * The namespaced resources a backup keeps, in the order a restore applies them: what others refer to
 * first (Secrets and ConfigMaps that pods mount, claims they bind), then Services, the Deployments that
 * use all of those, and the Ingresses that route to the Services.
 */
public enum ResourceKind {
    SECRET("secrets", Secret.class),
    CONFIG_MAP("configmaps", ConfigMap.class),
    PERSISTENT_VOLUME_CLAIM("persistentvolumeclaims", PersistentVolumeClaim.class),
    SERVICE("services", Service.class),
    DEPLOYMENT("deployments", Deployment.class),
    INGRESS("ingresses", Ingress.class);

    private final String plural;
    private final Class<? extends HasMetadata> type;

    ResourceKind(String plural, Class<? extends HasMetadata> type) {
        this.plural = plural;
        this.type = type;
    }

    public Class<? extends HasMetadata> type() {
        return type;
    }

    /** The archive folder: its position first, so name order is apply order ({@code 1-secrets}). */
    public String folder() {
        return (ordinal() + 1) + "-" + plural;
    }

    public static Optional<ResourceKind> ofFolder(String folder) {
        return Arrays.stream(values()).filter(kind -> kind.folder().equals(folder)).findFirst();
    }
}
