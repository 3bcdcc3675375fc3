package io.mcpbridge.dr.system.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;

/** Reads manifest files into typed objects: the Kubernetes kinds, and Strimzi's at {@code kafka.strimzi.io/v1}. */
final class ManifestFiles {

    private static final String STRIMZI = "kafka.strimzi.io/v1";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static {
        SERIALIZATION.registerKubernetesResource(STRIMZI, "Kafka", Kafka.class);
        SERIALIZATION.registerKubernetesResource(STRIMZI, "KafkaNodePool", KafkaNodePool.class);
        SERIALIZATION.registerKubernetesResource(STRIMZI, "KafkaTopic", KafkaTopic.class);
        SERIALIZATION.registerKubernetesResource(STRIMZI, "KafkaUser", KafkaUser.class);
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
}
