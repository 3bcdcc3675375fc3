package io.mcpbridge.dr.backup.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.mcpbridge.dr.backup.archive.ArchiveLayout;
import io.mcpbridge.dr.events.backup.RestoreTargets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies archived resources into a namespace (created if missing): each is created, or updated in place
 * when it exists, in {@link ResourceKind}'s dependency order. They are collected first (a namespace's
 * resources are small) and applied only once the archive has been read whole, so a failure while reading
 * applies nothing.
 */
public final class KubernetesRestore {

    private final KubernetesClient client;
    private final String namespace;
    private final Optional<String> restoredFrom;
    private final List<Pending> pending = new ArrayList<>();

    private record Pending(ResourceKind kind, HasMetadata resource) {}

    /**
     * @param restoredFrom the backup id, labelled on each resource ({@value RestoreTargets#RESTORED_FROM}) when the namespace
     *                     is disposable; empty elsewhere, so production resources are applied exactly as archived
     */
    public KubernetesRestore(KubernetesClient client, String namespace, Optional<String> restoredFrom) {
        this.client = client;
        this.namespace = namespace;
        this.restoredFrom = restoredFrom;
    }

    /** Takes one {@code kubernetes/...} entry. */
    public void add(String entryName, InputStream content) throws IOException {
        ResourceKind kind = ArchiveLayout.kubernetesKindFolder(entryName)
                .flatMap(ResourceKind::ofFolder)
                .orElseThrow(() -> new IOException("unexpected Kubernetes entry " + entryName));
        String json = new String(content.readAllBytes(), StandardCharsets.UTF_8);
        HasMetadata resource = client.getKubernetesSerialization().unmarshal(json, kind.type());
        resource.getMetadata().setNamespace(namespace);
        restoredFrom.ifPresent(backupId -> {
            Map<String, String> labels = new HashMap<>(
                    Optional.ofNullable(resource.getMetadata().getLabels()).orElse(Map.of()));
            labels.put(RestoreTargets.RESTORED_FROM, backupId);
            resource.getMetadata().setLabels(labels);
        });
        pending.add(new Pending(kind, resource));
    }

    /** Creates the namespace if needed and applies every resource in order; returns how many. */
    public int apply() throws IOException {
        try {
            if (client.namespaces().withName(namespace).get() == null) {
                client.namespaces()
                        .resource(new NamespaceBuilder()
                                .withNewMetadata()
                                .withName(namespace)
                                .endMetadata()
                                .build())
                        .create();
            }
            pending.sort(Comparator.comparing(Pending::kind));
            for (Pending next : pending) {
                client.resource(next.resource()).inNamespace(namespace).createOr(NonDeletingOperation::update);
            }
            return pending.size();
        } catch (KubernetesClientException e) {
            throw new IOException("cannot apply resources to namespace " + namespace + ": " + e.getMessage(), e);
        }
    }
}
