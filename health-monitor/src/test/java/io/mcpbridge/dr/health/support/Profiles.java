package io.mcpbridge.dr.health.support;

import io.mcpbridge.dr.testing.DedicatedKafkaBrokerResource;
import io.mcpbridge.dr.testing.FreePorts;
import io.mcpbridge.dr.testing.KafkaBrokerResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The test profiles: each starts health-monitor once against real peers. */
public final class Profiles {

    private Profiles() {}

    /** Webhook only (no probes), on the JVM's shared broker. */
    public static class Webhook implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mcpdr.probes.enabled", "false");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaBrokerResource.class));
        }
    }

    /**
     * Probes against the simulated bridge and a real redis-server, on a broker of their own: a prober continues
     * from the last state published about its targets, so what other tests published about targets of the same
     * names must not be there.
     */
    public static class Probes implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(
                    new TestResourceEntry(DedicatedKafkaBrokerResource.class),
                    new TestResourceEntry(BridgeStackResource.class));
        }
    }

    /** A broker of its own that the test stops; short Kafka timeouts so the outage shows in seconds. */
    public static class BrokerOutage implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mcpdr.probes.enabled", "false",
                    "mcpdr.webhook.ack-timeout", "5s",
                    "kafka.request.timeout.ms", "1000",
                    "kafka.delivery.timeout.ms", "3000");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DedicatedKafkaBrokerResource.class));
        }
    }

    /** No broker ever answered: nothing is known about the topics, so no send can start. */
    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mcpdr.probes.enabled", "false",
                    "kafka.bootstrap.servers", "127.0.0.1:" + FreePorts.next(),
                    "kafka.request.timeout.ms", "2000",
                    "kafka.delivery.timeout.ms", "6000");
        }
    }
}
