package io.mcpbridge.dr.coordinator.runbook;

import static io.mcpbridge.dr.events.health.HealthState.DOWN;
import static io.mcpbridge.dr.events.health.HealthState.UP;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plan's master script: healthy services mean suspect data, a failing Redis means Redis recovery. */
class StrategySelectorTest {

    @Test
    void healthyServicesMeanTheDataIsSuspect() {
        assertThat(StrategySelector.select(Map.of("gateway", UP, "router", UP, "redis", UP)))
                .isEqualTo(Scenario.DATA_CORRUPTION);
    }

    @Test
    void aFailingRedisMeansRedisRecovery() {
        assertThat(StrategySelector.select(Map.of("gateway", DOWN, "router", UP, "redis", DOWN)))
                .isEqualTo(Scenario.REDIS_FAILURE);
        assertThat(StrategySelector.select(Map.of("gateway", UP, "router", UP, "redis", DOWN)))
                .isEqualTo(Scenario.REDIS_FAILURE);
    }

    @Test
    void otherwiseAServiceFailure() {
        assertThat(StrategySelector.select(Map.of("gateway", DOWN, "router", UP, "redis", UP)))
                .isEqualTo(Scenario.SERVICE_FAILURE);
        assertThat(StrategySelector.select(Map.of())).as("nothing known yet").isEqualTo(Scenario.SERVICE_FAILURE);
    }
}
