package io.mcpbridge.dr.coordinator.support;

import io.mcpbridge.dr.testing.KafkaBrokerResource;
import io.mcpbridge.dr.testing.TestSigners;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The coordinator against the shared real Kafka broker, trusting the test signers and signing as
 * {@value TestSigners#COORDINATOR}.
 */
public class CoordinatorProfile implements QuarkusTestProfile {

    /** The trust settings every coordinator under test has, plus {@code more}. */
    public static Map<String, String> withTrust(String... more) {
        Map<String, String> settings =
                new HashMap<>(TestSigners.settings("mcpdr.coordinator", TestSigners.COORDINATOR));
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return settings;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return withTrust();
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaBrokerResource.class));
    }

    /** For measuring reactions: no action budget in the way, verification within two seconds. */
    public static class Bench extends CoordinatorProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return withTrust(
                    "mcpdr.coordinator.runbooks-file",
                    "src/test/resources/short-verify-runbooks.yaml",
                    "mcpdr.coordinator.budget.max-actions",
                    "100000",
                    "mcpdr.coordinator.budget.cooldown",
                    "0s");
        }
    }

    /** The coordinator's time in the test's hands (the {@link SteppingClock}), defaults otherwise. */
    public static class SteppedTime extends CoordinatorProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(SteppingClock.class);
        }
    }

    /** Verification that gives up after a second: escalation without a five-minute wait. */
    public static class ShortVerification extends CoordinatorProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return withTrust("mcpdr.coordinator.runbooks-file", "src/test/resources/short-verify-runbooks.yaml");
        }
    }
}
