package io.mcpbridge.dr.events.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Builds a Kafka client's configuration from the service's shared {@code kafka.*} settings. Each client
 * gets only the names it knows (the Kafka clients warn about every other one), then its own overrides.
 */
public final class KafkaClientConfigs {

    private KafkaClientConfigs() {}

    /**
     * @param shared    the service's {@code kafka.*} settings
     * @param known     the client's configuration names, e.g. {@code ProducerConfig.configNames()}
     * @param defaults  applied first, so the shared settings may override them
     * @param overrides applied last, whatever the shared settings say
     */
    public static Map<String, Object> forClient(
            Map<String, Object> shared,
            Set<String> known,
            Map<String, Object> defaults,
            Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(defaults);
        shared.forEach((name, value) -> {
            if (known.contains(name)) {
                config.put(name, value);
            }
        });
        config.putAll(overrides);
        return config;
    }
}
