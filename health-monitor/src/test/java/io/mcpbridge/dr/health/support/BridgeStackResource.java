package io.mcpbridge.dr.health.support;

import io.mcpbridge.dr.simulator.BridgeSimulator;
import io.mcpbridge.dr.testing.FreePorts;
import io.mcpbridge.dr.testing.RedisServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;

/**
 * A simulated MCP Bridge (gateway and router) and a real redis-server with AOF, with health-monitor's
 * targets pointed at them and fast probe timing, so hysteresis plays out in seconds.
 */
public class BridgeStackResource implements QuarkusTestResourceLifecycleManager {

    private static volatile BridgeSimulator bridge;
    private static volatile RedisServer redis;

    public static BridgeSimulator bridge() {
        return bridge;
    }

    @Override
    public Map<String, String> start() {
        bridge = FreePorts.retryOnBindFailure(
                () -> BridgeSimulator.start(FreePorts.next(), FreePorts.next(), FreePorts.next()));
        redis = RedisServer.start(List.of("--appendonly", "yes"));
        return Map.of(
                "mcpdr.probes.interval", "200ms",
                "mcpdr.probes.snapshot-interval", "1s",
                "mcpdr.probes.down-after", "3",
                "mcpdr.probes.up-after", "2",
                "mcpdr.probes.targets.gateway.url", "http://127.0.0.1:" + bridge.gatewayPort() + "/health",
                "mcpdr.probes.targets.gateway.timeout", "500ms",
                "mcpdr.probes.targets.router.url", "http://127.0.0.1:" + bridge.routerPort() + "/health",
                "mcpdr.probes.targets.router.timeout", "500ms",
                "mcpdr.probes.targets.redis.url", redis.uri());
    }

    @Override
    public void stop() {
        if (bridge != null) {
            bridge.close();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
