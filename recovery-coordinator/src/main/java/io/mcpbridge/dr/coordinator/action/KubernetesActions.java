package io.mcpbridge.dr.coordinator.action;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The plan's {@code kubectl} steps through the API: rollout restart (the {@code restartedAt} template
 * annotation, as kubectl does), rollout undo (back to the previous ReplicaSet), scale, delete pods, and
 * credential rotation (a Secret key set to a fresh random value). Each reports what it did; none throws
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

    public ActionResult rolloutRestart(String namespace, String deployment) {
        try {
            client.apps().deployments().inNamespace(namespace).withName(deployment).rolling().restart();
            return ActionResult.ok("rollout restart deployment/" + deployment + " in " + namespace);
        } catch (KubernetesClientException e) {
            return failed("rollout restart deployment/" + deployment, e);
        }
    }

    /** When the Deployment's pods were last restarted by a rollout restart, if ever. */
    public java.util.Optional<Instant> restartedAt(String namespace, String deployment) {
        Deployment current = client.apps().deployments().inNamespace(namespace).withName(deployment).get();
        if (current == null || current.getSpec().getTemplate().getMetadata() == null
                || current.getSpec().getTemplate().getMetadata().getAnnotations() == null) {
            return java.util.Optional.empty();
        }
        String value = current.getSpec().getTemplate().getMetadata().getAnnotations().get(RESTARTED_AT);
        return value == null ? java.util.Optional.empty() : java.util.Optional.of(parseTime(value));
    }

    /** kubectl writes RFC 3339 with a zone; the fabric8 client writes a local date-time (this host's zone). */
    static Instant parseTime(String value) {
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return java.time.LocalDateTime.parse(value).atZone(java.time.ZoneId.systemDefault()).toInstant();
        }
    }

    public ActionResult rolloutUndo(String namespace, String deployment) {
        try {
            client.apps().deployments().inNamespace(namespace).withName(deployment).rolling().undo();
            return ActionResult.ok("rollout undo deployment/" + deployment + " in " + namespace);
        } catch (KubernetesClientException | IllegalStateException e) {
            return failed("rollout undo deployment/" + deployment, e);
        }
    }

    public ActionResult scale(String namespace, String deployment, int replicas) {
        try {
            client.apps().deployments().inNamespace(namespace).withName(deployment).scale(replicas);
            return ActionResult.ok("scaled deployment/" + deployment + " in " + namespace + " to " + replicas);
        } catch (KubernetesClientException e) {
            return failed("scale deployment/" + deployment, e);
        }
    }

    /** Deletes the pods the Deployment selects; its ReplicaSet makes new ones. */
    public ActionResult deletePods(String namespace, String deployment) {
        try {
            Deployment current = client.apps().deployments().inNamespace(namespace).withName(deployment).get();
            if (current == null) {
                return ActionResult.failed("no deployment/" + deployment + " in " + namespace);
            }
            Map<String, String> selector = current.getSpec().getSelector().getMatchLabels();
            int deleted = client.pods().inNamespace(namespace).withLabels(selector).delete().size();
            return ActionResult.ok("deleted " + deleted + " pods of deployment/" + deployment + " in " + namespace);
        } catch (KubernetesClientException e) {
            return failed("delete pods of deployment/" + deployment, e);
        }
    }

    /** Every Deployment of the namespace, for "restart all". */
    public List<String> deployments(String namespace) {
        return client.apps().deployments().inNamespace(namespace).list().getItems().stream()
                .map(deployment -> deployment.getMetadata().getName()).sorted().toList();
    }

    /**
     * Sets {@code key} of the Secret to 32 fresh random bytes (hex), replacing the compromised value. The
     * new value is never returned or logged: whatever needs it reads the Secret.
     */
    public ActionResult rotateSecret(String namespace, String secret, String key) {
        try {
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            String encoded = Base64.getEncoder().encodeToString(HexFormat.of().formatHex(fresh).getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII));
            Secret rotated = client.secrets().inNamespace(namespace).withName(secret)
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
        String reason = e instanceof KubernetesClientException k && k.getStatus() != null
                && k.getStatus().getMessage() != null ? k.getStatus().getMessage() : e.getMessage();
        return ActionResult.failed(what + " failed: " + reason);
    }
}
