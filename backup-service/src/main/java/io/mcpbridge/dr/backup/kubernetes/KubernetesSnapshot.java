package io.mcpbridge.dr.backup.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mcpbridge.dr.backup.archive.ArchiveLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the namespaced resources of {@link ResourceKind} and turns each into a JSON document without
 * server-managed fields, named {@code kubernetes/<kind folder>/<name>.json}. Objects the cluster makes by
 * itself in every namespace (the root CA ConfigMap, the default ServiceAccount, service-account token
 * Secrets) are left out, and so is every object another one owns (a CronJob's Jobs, a controller's
 * children): its owner brings it back.
 */
public final class KubernetesSnapshot {

    /** One resource ready for the archive. */
    public record Document(String entryName, byte[] json) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;

    public KubernetesSnapshot(KubernetesClient client) {
        this.client = client;
    }

    public List<Document> read(String namespace) throws IOException {
        List<Document> documents = new ArrayList<>();
        try {
            for (ResourceKind kind : ResourceKind.values()) {
                List<? extends HasMetadata> items = client.resources(kind.type())
                        .inNamespace(namespace)
                        .list()
                        .getItems();
                List<HasMetadata> sorted = new ArrayList<>(items);
                sorted.sort(Comparator.comparing(item -> item.getMetadata().getName()));
                for (HasMetadata item : sorted) {
                    if (clusterMade(item)) {
                        continue;
                    }
                    ObjectNode tree = (ObjectNode)
                            JSON.readTree(client.getKubernetesSerialization().asJson(item));
                    byte[] json =
                            JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(ServerFields.strip(tree, kind));
                    documents.add(new Document(
                            ArchiveLayout.kubernetesResource(
                                    kind.folder(), item.getMetadata().getName()),
                            json));
                }
            }
        } catch (KubernetesClientException e) {
            throw new IOException("cannot read namespace " + namespace + ": " + e.getMessage(), e);
        }
        return documents;
    }

    private static boolean clusterMade(HasMetadata item) {
        if (item.getMetadata().getOwnerReferences() != null
                && !item.getMetadata().getOwnerReferences().isEmpty()) {
            return true;
        }
        if (item instanceof ConfigMap
                && "kube-root-ca.crt".equals(item.getMetadata().getName())) {
            return true;
        }
        if (item instanceof ServiceAccount
                && "default".equals(item.getMetadata().getName())) {
            return true;
        }
        return item instanceof Secret secret && "kubernetes.io/service-account-token".equals(secret.getType());
    }
}
