package io.mcpbridge.dr.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the JVM's shared real Kafka broker ({@code kafka.bootstrap.servers}).
 * The broker outlives the Quarkus application, so stopping one test profile does not stop it.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", KafkaBroker.shared().bootstrapServers());
    }

    @Override
    public void stop() {
        // The shared broker stops with the JVM.
    }
}
