package io.mcpbridge.dr.coordinator.support;

import io.mcpbridge.dr.testing.KafkaBrokerResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The coordinator against the shared real Kafka broker, with a command key of its own. */
public class CoordinatorProfile implements QuarkusTestProfile {

    /** Base64 of 32 bytes: the key tests sign commands with. */
    public static final String COMMAND_KEY = "q3P8c0m9k2V1d4N6b7X5z8A1s2D3f4G5h6J7k8L9m0Q=";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("mcpdr.coordinator.command-key", COMMAND_KEY);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaBrokerResource.class));
    }

    /** For measuring reactions: no action budget in the way, verification within two seconds. */
    public static class Bench extends CoordinatorProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mcpdr.coordinator.command-key", COMMAND_KEY,
                    "mcpdr.coordinator.runbooks-file", "src/test/resources/short-verify-runbooks.yaml",
                    "mcpdr.coordinator.budget.max-actions", "100000",
                    "mcpdr.coordinator.budget.cooldown", "0s");
        }
    }

    /** The coordinator's time in the test's hands (the {@link SteppingClock}), defaults otherwise. */
    public static class SteppedTime extends CoordinatorProfile {
        @Override
        public java.util.Set<Class<?>> getEnabledAlternatives() {
            return java.util.Set.of(SteppingClock.class);
        }
    }

    /** Verification that gives up after a second: escalation without a five-minute wait. */
    public static class ShortVerification extends CoordinatorProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mcpdr.coordinator.command-key", COMMAND_KEY,
                    "mcpdr.coordinator.runbooks-file", "src/test/resources/short-verify-runbooks.yaml");
        }
    }
}
