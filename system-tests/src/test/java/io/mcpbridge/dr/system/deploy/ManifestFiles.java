package io.mcpbridge.dr.system.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Reads manifest files into typed objects: the Kubernetes kinds, Strimzi's at {@code kafka.strimzi.io/v1} and the
 * Prometheus operator's PrometheusRule.
 */
final class ManifestFiles {

    private static final String STRIMZI = "kafka.strimzi.io/v1";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static {
        SERIALIZATION.registerKubernetesResource(STRIMZI, "Kafka", Kafka.class);
        SERIALIZATION.registerKubernetesResource(STRIMZI, "KafkaNodePool", KafkaNodePool.class);
        SERIALIZATION.registerKubernetesResource(STRIMZI, "KafkaTopic", KafkaTopic.class);
        SERIALIZATION.registerKubernetesResource(STRIMZI, "KafkaUser", KafkaUser.class);
        SERIALIZATION.registerKubernetesResource("monitoring.coreos.com/v1", "PrometheusRule", PrometheusRule.class);
    }

    private ManifestFiles() {}

    /** One permission a {@code KafkaUser} grants, as Kafka's authorizer holds it. */
    record Grant(String user, ResourceType resourceType, String resource, AclOperation operation) {}

    /** The permissions of a {@code KafkaUser} with simple authorization, one per operation. */
    static List<Grant> grants(KafkaUser user) {
        List<Grant> grants = new ArrayList<>();
        for (AclRule rule : ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls()) {
            boolean topic = rule.getResource() instanceof AclRuleTopicResource;
            String name = topic
                    ? ((AclRuleTopicResource) rule.getResource()).getName()
                    : ((AclRuleGroupResource) rule.getResource()).getName();
            rule.getOperations()
                    .forEach(operation -> grants.add(new Grant(
                            user.getMetadata().getName(),
                            topic ? ResourceType.TOPIC : ResourceType.GROUP,
                            name,
                            AclOperation.fromString(operation.name()))));
        }
        return grants;
    }

    /** Every object of a multi-document YAML file, in order; documents holding only comments are none. */
    static List<HasMetadata> read(Path file) throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : Files.readString(file).split("(?m)^---\\s*$")) {
            if (document.lines().anyMatch(line -> !line.isBlank() && !line.startsWith("#"))) {
                objects.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
            }
        }
        return objects;
    }

    /**
     * Every field of {@code model}, all the way down, that its typed model did not know (and so kept in
     * {@code additionalProperties}): what the API server would drop or refuse. Each is named by its path.
     */
    static List<String> unknownFields(Object model, String where) {
        List<String> unknown = new ArrayList<>();
        unknownFields(model, where, unknown);
        return unknown;
    }

    static List<String> unknownFields(HasMetadata object) {
        return unknownFields(
                object, object.getKind() + "/" + object.getMetadata().getName());
    }

    private static void unknownFields(Object model, String path, List<String> unknown) {
        if (model == null) {
            return;
        }
        if (model instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (model instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, path + "[" + key + "]", unknown));
            return;
        }
        if (!modelled(model)) {
            return;
        }
        for (Method getter : model.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(model);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                Map<?, ?> extra = (Map<?, ?>) value;
                if (extra != null && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else {
                unknownFields(value, path + "." + getter.getName().substring(3), unknown);
            }
        }
    }

    /**
     * A class of the Kubernetes models, the Prometheus operator's or Strimzi's: all keep unknown fields as
     * additional properties.
     */
    static boolean modelled(Object model) {
        String name = model.getClass().getPackageName();
        return name.startsWith("io.fabric8.kubernetes.api.model")
                || name.startsWith("io.fabric8.openshift.api.model.monitoring")
                || name.startsWith("io.strimzi.api.kafka.model");
    }
}
