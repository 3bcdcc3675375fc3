package io.mcpbridge.dr.backup.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Removes what the API server sets, so a resource can be applied again anywhere: status, identity and
 * version fields, the namespace (the restore decides it), and values assigned by controllers (a Service's
 * cluster IPs, a claim's bound volume, a Deployment's revision, a Job's generated selector and the labels it
 * puts on its pods).
 */
final class ServerFields {

    private static final List<String> METADATA = List.of(
            "uid",
            "resourceVersion",
            "managedFields",
            "creationTimestamp",
            "generation",
            "selfLink",
            "namespace",
            "deletionTimestamp",
            "deletionGracePeriodSeconds",
            "ownerReferences");
    private static final List<String> ANNOTATIONS = List.of(
            "deployment.kubernetes.io/revision",
            "kubectl.kubernetes.io/last-applied-configuration",
            "pv.kubernetes.io/bind-completed",
            "pv.kubernetes.io/bound-by-controller",
            "volume.kubernetes.io/selected-node");
    private static final List<String> SERVICE_SPEC = List.of("clusterIP", "clusterIPs", "healthCheckNodePort");
    private static final List<String> JOB_POD_LABELS =
            List.of("controller-uid", "batch.kubernetes.io/controller-uid", "job-name", "batch.kubernetes.io/job-name");

    private ServerFields() {}

    static ObjectNode strip(ObjectNode resource, ResourceKind kind) {
        resource.remove("status");
        if (resource.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove(METADATA);
            if (metadata.get("annotations") instanceof ObjectNode annotations) {
                annotations.remove(ANNOTATIONS);
                if (annotations.isEmpty()) {
                    metadata.remove("annotations");
                }
            }
        }
        JsonNode spec = resource.get("spec");
        if (spec instanceof ObjectNode specObject) {
            if (kind == ResourceKind.SERVICE) {
                specObject.remove(SERVICE_SPEC);
            } else if (kind == ResourceKind.PERSISTENT_VOLUME_CLAIM) {
                specObject.remove("volumeName");
            } else if (kind == ResourceKind.JOB) {
                // The API server generates both from the Job's uid; a new Job gets its own.
                specObject.remove("selector");
                if (specObject.path("template").path("metadata").get("labels") instanceof ObjectNode labels) {
                    labels.remove(JOB_POD_LABELS);
                }
            }
        }
        return resource;
    }
}
