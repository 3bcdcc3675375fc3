package io.mcpbridge.dr.coordinator.action;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The plan's {@code kubectl} steps through the API: rollout restart (the {@code restartedAt} template
 * annotation, as kubectl does), rollout undo (back to the previous ReplicaSet), scale, delete pods,
 * credential rotation (a Secret key set to a fresh random value), and fail-over (a Service pointed at a
 * standby Deployment's pods). Each reports what it did; none throws
 * for an API refusal, which becomes a failed result with the server's reason.
 */
public final class KubernetesActions {

    /** The annotation {@code kubectl rollout restart} sets; reading it back tells whether a restart happened. */
    public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KubernetesClient client;

    public KubernetesActions(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Restarts a workload's pods: a Deployment of that name, else a StatefulSet (the session store runs as one,
     * as {@code redis-0}).
     */
    public ActionResult rolloutRestart(String namespace, String workload) {
        try {
            if (client.apps()
                            .deployments()
                            .inNamespace(namespace)
                            .withName(workload)
                            .get()
                    != null) {
                client.apps()
                        .deployments()
                        .inNamespace(namespace)
                        .withName(workload)
                        .rolling()
                        .restart();
                return ActionResult.ok("rollout restart deployment/" + workload + " in " + namespace);
            }
            if (client.apps()
                            .statefulSets()
                            .inNamespace(namespace)
                            .withName(workload)
                            .get()
                    != null) {
                client.apps()
                        .statefulSets()
                        .inNamespace(namespace)
                        .withName(workload)
                        .rolling()
                        .restart();
                return ActionResult.ok("rollout restart statefulset/" + workload + " in " + namespace);
            }
            return ActionResult.failed(
                    "rollout restart " + workload + ": no deployment or statefulset of that name in " + namespace);
        } catch (KubernetesClientException e) {
            return failed("rollout restart " + workload, e);
        }
    }

    /**
     * Points a Service at a standby: its selector becomes the standby Deployment's pod selector, so traffic
     * moves as soon as the endpoints follow. Kubernetes has no notion of a primary, so this is the switch.
     */
    public ActionResult failOver(String namespace, String service, String standby) {
        try {
            Deployment target = client.apps()
                    .deployments()
                    .inNamespace(namespace)
                    .withName(standby)
                    .get();
            if (target == null
                    || target.getSpec().getSelector() == null
                    || target.getSpec().getSelector().getMatchLabels() == null) {
                return ActionResult.failed("fail over service/" + service + ": deployment/" + standby + " not found in "
                        + namespace + " or it selects no labels");
            }
            Map<String, String> labels = target.getSpec().getSelector().getMatchLabels();
            AtomicReference<Map<String, String>> before = new AtomicReference<>();
            if (client.services().inNamespace(namespace).withName(service).get() == null) {
                return ActionResult.failed("fail over service/" + service + ": not found in " + namespace);
            }
            client.services().inNamespace(namespace).withName(service).edit(current -> {
                before.set(current.getSpec().getSelector());
                current.getSpec().setSelector(new LinkedHashMap<>(labels));
                return current;
            });
            return ActionResult.ok("service/" + service + " in " + namespace + " now selects " + labels
                    + " (deployment/" + standby + "), was " + before.get());
        } catch (KubernetesClientException e) {
            return failed("fail over service/" + service, e);
        }
    }

    /** Whether a Service already selects the standby's pods (a fail-over happened). */
    public boolean selects(String namespace, String service, String standby) {
        var current = client.services().inNamespace(namespace).withName(service).get();
        Deployment target = client.apps()
                .deployments()
                .inNamespace(namespace)
                .withName(standby)
                .get();
        return current != null
                && target != null
                && target.getSpec().getSelector() != null
                && Objects.equals(
                        current.getSpec().getSelector(),
                        target.getSpec().getSelector().getMatchLabels());
    }

    /** When the workload's pods (a Deployment's, else a StatefulSet's) were last restarted by a rollout restart. */
    public Optional<Instant> restartedAt(String namespace, String workload) {
        Deployment deployment = client.apps()
                .deployments()
                .inNamespace(namespace)
                .withName(workload)
                .get();
        PodTemplateSpec template = deployment != null
                ? deployment.getSpec().getTemplate()
                : Optional.ofNullable(client.apps()
                                .statefulSets()
                                .inNamespace(namespace)
                                .withName(workload)
                                .get())
                        .map(statefulSet -> statefulSet.getSpec().getTemplate())
                        .orElse(null);
        if (template == null
                || template.getMetadata() == null
                || template.getMetadata().getAnnotations() == null) {
            return Optional.empty();
        }
        String value = template.getMetadata().getAnnotations().get(RESTARTED_AT);
        return value == null ? Optional.empty() : Optional.of(parseTime(value));
    }

    /** kubectl writes RFC 3339 with a zone; the fabric8 client writes a local date-time (this host's zone). */
    static Instant parseTime(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(value).atZone(ZoneId.systemDefault()).toInstant();
        }
    }

    public ActionResult rolloutUndo(String namespace, String deployment) {
        try {
            client.apps()
                    .deployments()
                    .inNamespace(namespace)
                    .withName(deployment)
                    .rolling()
                    .undo();
            return ActionResult.ok("rollout undo deployment/" + deployment + " in " + namespace);
        } catch (KubernetesClientException | IllegalStateException e) {
            return failed("rollout undo deployment/" + deployment, e);
        }
    }

    public ActionResult scale(String namespace, String deployment, int replicas) {
        try {
            client.apps()
                    .deployments()
                    .inNamespace(namespace)
                    .withName(deployment)
                    .scale(replicas);
            return ActionResult.ok("scaled deployment/" + deployment + " in " + namespace + " to " + replicas);
        } catch (KubernetesClientException e) {
            return failed("scale deployment/" + deployment, e);
        }
    }

    /** Deletes the pods the Deployment selects; its ReplicaSet makes new ones. */
    public ActionResult deletePods(String namespace, String deployment) {
        try {
            Deployment current = client.apps()
                    .deployments()
                    .inNamespace(namespace)
                    .withName(deployment)
                    .get();
            if (current == null) {
                return ActionResult.failed("no deployment/" + deployment + " in " + namespace);
            }
            Map<String, String> selector = current.getSpec().getSelector().getMatchLabels();
            int deleted = client.pods()
                    .inNamespace(namespace)
                    .withLabels(selector)
                    .delete()
                    .size();
            return ActionResult.ok("deleted " + deleted + " pods of deployment/" + deployment + " in " + namespace);
        } catch (KubernetesClientException e) {
            return failed("delete pods of deployment/" + deployment, e);
        }
    }

    /** Every Deployment of the namespace. */
    public List<String> deployments(String namespace) {
        return client.apps().deployments().inNamespace(namespace).list().getItems().stream()
                .map(deployment -> deployment.getMetadata().getName())
                .sorted()
                .toList();
    }

    /** Every Deployment and StatefulSet of the namespace, for "restart all". */
    public List<String> workloads(String namespace) {
        TreeSet<String> names = new TreeSet<>(deployments(namespace));
        client.apps()
                .statefulSets()
                .inNamespace(namespace)
                .list()
                .getItems()
                .forEach(statefulSet -> names.add(statefulSet.getMetadata().getName()));
        return List.copyOf(names);
    }

    /**
     * Sets {@code key} of the Secret to 32 fresh random bytes (hex), replacing the compromised value. The
     * new value is never returned or logged: whatever needs it reads the Secret.
     */
    public ActionResult rotateSecret(String namespace, String secret, String key) {
        try {
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            String encoded = Base64.getEncoder()
                    .encodeToString(HexFormat.of().formatHex(fresh).getBytes(StandardCharsets.US_ASCII));
            Secret rotated = client.secrets()
                    .inNamespace(namespace)
                    .withName(secret)
                    .edit(current -> {
                        current.getData().put(key, encoded);
                        return current;
                    });
            return ActionResult.ok("rotated key " + key + " of secret/" + secret + " in " + namespace
                    + " (resourceVersion " + rotated.getMetadata().getResourceVersion() + ")");
        } catch (KubernetesClientException | NullPointerException e) {
            return failed("rotate key " + key + " of secret/" + secret, e);
        }
    }

    private static ActionResult failed(String what, RuntimeException e) {
        String reason = e instanceof KubernetesClientException k
                        && k.getStatus() != null
                        && k.getStatus().getMessage() != null
                ? k.getStatus().getMessage()
                : e.getMessage();
        return ActionResult.failed(what + " failed: " + reason);
    }
}
