package io.mcpbridge.dr.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A broker of the test's own, for tests that take Kafka away on purpose, or that must not see what other tests
 * published. {@link #broker()} gives it to the test (to record its topics, or to stop it).
 */
public class DedicatedKafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static volatile KafkaBroker broker;

    /** The running dedicated broker. */
    public static KafkaBroker broker() {
        if (broker == null) {
            throw new IllegalStateException("the dedicated Kafka broker is not started");
        }
        return broker;
    }

    @Override
    public Map<String, String> start() {
        broker = KafkaBroker.startDedicated();
        broker.createSystemTopics(3);
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
