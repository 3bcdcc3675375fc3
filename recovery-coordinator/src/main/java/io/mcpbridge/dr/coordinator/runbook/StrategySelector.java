package io.mcpbridge.dr.coordinator.runbook;

import io.mcpbridge.dr.events.health.HealthState;
import java.util.Map;

/**
 * Which automatic runbook an incident gets, as the plan's master script decides: gateway and router both
 * healthy means the services are fine and the data is suspect; a failing Redis means Redis recovery;
 * anything else is a service failure. The manual-only scenarios (security breach, site and
 * infrastructure loss) are never chosen here: only a confirmed command names them.
 */
public final class StrategySelector {

    public static final String GATEWAY = "gateway";
    public static final String ROUTER = "router";
    public static final String REDIS = "redis";

    private StrategySelector() {}

    /** @param health the latest known state of each component; a missing one counts as unknown */
    public static Scenario select(Map<String, HealthState> health) {
        HealthState gateway = health.getOrDefault(GATEWAY, HealthState.UNKNOWN);
        HealthState router = health.getOrDefault(ROUTER, HealthState.UNKNOWN);
        HealthState redis = health.getOrDefault(REDIS, HealthState.UNKNOWN);
        if (gateway == HealthState.UP && router == HealthState.UP && redis != HealthState.DOWN) {
            return Scenario.DATA_CORRUPTION;
        }
        if (redis == HealthState.DOWN) {
            return Scenario.REDIS_FAILURE;
        }
        return Scenario.SERVICE_FAILURE;
    }
}
