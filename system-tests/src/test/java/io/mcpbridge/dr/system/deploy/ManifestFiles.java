package io.mcpbridge.dr.system.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
