package io.mcpbridge.dr.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.events.health.TargetHealth;
import io.mcpbridge.dr.simulator.BridgeSimulator;
import io.mcpbridge.dr.simulator.Mode;
import io.mcpbridge.dr.testing.FreePorts;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.RedisServer;
import io.mcpbridge.dr.testing.ServiceProcess;
import io.mcpbridge.dr.testing.TopicRecorder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Two packaged health-monitors probing the simulated MCP Bridge over the real broker: each target has exactly one
 * prober, so every transition is published once; when the gateway's prober is killed (SIGKILL, no goodbye to the
 * group) and the gateway breaks, the other replica takes the gateway over after the group's session timeout,
 * continues from its last published state and publishes exactly one DOWN.
 */
class HealthMonitorReplicasIT {

    private static final List<String> TARGETS = List.of("gateway", "router", "redis");
    private static final int DOWN_AFTER = 3;
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    /** health-monitor's default group session timeout: how long a dead prober's targets wait for a new one. */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    /** Joining the group again, reading the target's last state back, the first probes: measured well under. */
    private static final Duration TAKE_OVER_SLACK = Duration.ofSeconds(10);

    @Test
    void eachTargetHasOneProberAndASurvivorTakesOverAKilledOnesTargets() throws Exception {
        try (KafkaBroker broker = KafkaBroker.startDedicated();
                // Ports free a moment ago may be taken by the time the simulator binds them: new ones then.
                BridgeSimulator bridge = FreePorts.retryOnBindFailure(() -> {
                    int[] ports = FreePorts.distinct(3);
                    return BridgeSimulator.start(ports[0], ports[1], ports[2]);
                });
                RedisServer sessions = RedisServer.start()) {
            broker.createSystemTopics(3);
            try (TopicRecorder health = TopicRecorder.fromNow(broker.bootstrapServers(), Topics.HEALTH)) {
                Map<String, String> settings = settings(broker, bridge, sessions);
                Path jar = Path.of(System.getProperty("health-monitor.jar"));
                try (ServiceProcess a = ServiceProcess.start(jar, "health-monitor-a", settings);
                        ServiceProcess b = ServiceProcess.start(jar, "health-monitor-b", settings)) {
                    List<ServiceProcess> replicas = List.of(a, b);
                    Awaitility.await("every target owned by exactly one replica, with its first verdict")
                            .atMost(Duration.ofSeconds(90))
                            .pollInterval(Duration.ofMillis(500))
                            .ignoreExceptions()
                            .until(() -> TARGETS.stream().allMatch(target -> owners(replicas, target) == 1)
                                    && TARGETS.stream().allMatch(target -> firstVerdicts(health, target) >= 1));
                    Awaitility.await("no target's first verdict published twice, over several snapshot intervals")
                            .during(Duration.ofSeconds(6))
                            .atMost(Duration.ofSeconds(10))
                            .until(() -> TARGETS.stream().allMatch(target -> firstVerdicts(health, target) == 1));
                    assertThat(transitions(health, "gateway", HealthState.UP)).isEqualTo(1);

                    ServiceProcess prober = owner(replicas, "gateway");
                    ServiceProcess survivor = prober == a ? b : a;
                    prober.kill();
                    Instant killed = Instant.now();
                    bridge.gateway(Mode.UNHEALTHY);

                    Duration bound = INTERVAL.multipliedBy(DOWN_AFTER)
                            .plus(SESSION_TIMEOUT)
                            .plus(TAKE_OVER_SLACK);
                    TargetHealth down = health.awaitPayloads(
                                    EventType.HEALTH_CHANGED,
                                    TargetHealth.class,
                                    event -> event.target().equals("gateway") && event.state() == HealthState.DOWN,
                                    1,
                                    bound)
                            .get(0);
                    Duration detected = Duration.between(killed, down.observedAt());
                    System.out.printf(
                            "take-over: gateway DOWN published %d ms after its prober was killed (bound %d ms)%n",
                            detected.toMillis(), bound.toMillis());
                    assertThat(detected).isLessThanOrEqualTo(bound);
                    assertThat(down.previousState())
                            .as("continued from the UP the killed prober published, not from UNKNOWN")
                            .isEqualTo(HealthState.UP);
                    assertThat(owners(List.of(survivor), "gateway")).isEqualTo(1);
                    Awaitility.await("exactly one DOWN for the gateway")
                            .during(Duration.ofSeconds(5))
                            .atMost(Duration.ofSeconds(8))
                            .until(() -> transitions(health, "gateway", HealthState.DOWN) == 1);
                    assertThat(transitions(health, "gateway", HealthState.UP))
                            .as("the take-over did not publish the UP again")
                            .isEqualTo(1);
                }
            }
        }
    }

    private static Map<String, String> settings(KafkaBroker broker, BridgeSimulator bridge, RedisServer sessions) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kafka.bootstrap.servers", broker.bootstrapServers());
        settings.put("mcpdr.webhook.token", "test-token");
        settings.put("mcpdr.probes.interval", INTERVAL.toSeconds() + "s");
        settings.put("mcpdr.probes.down-after", Integer.toString(DOWN_AFTER));
        settings.put("mcpdr.probes.snapshot-interval", "2s");
        settings.put("mcpdr.probes.targets.gateway.url", "http://127.0.0.1:" + bridge.gatewayPort() + "/health");
        settings.put("mcpdr.probes.targets.router.url", "http://127.0.0.1:" + bridge.routerPort() + "/health");
        settings.put("mcpdr.probes.targets.redis.url", sessions.uri());
        return settings;
    }

    /**
     * Transitions out of UNKNOWN: the target's first verdict (UP; the session store DEGRADED here, its AOF being
     * off in the test's redis-server).
     */
    private static long firstVerdicts(TopicRecorder health, String target) {
        return health.payloads(
                        EventType.HEALTH_CHANGED,
                        TargetHealth.class,
                        event -> event.target().equals(target) && event.previousState() == HealthState.UNKNOWN)
                .size();
    }

    private static long transitions(TopicRecorder health, String target, HealthState to) {
        return health.payloads(
                        EventType.HEALTH_CHANGED,
                        TargetHealth.class,
                        event -> event.target().equals(target) && event.state() == to)
                .size();
    }

    /** How many of the replicas say they probe the target ({@code mcpdr_probe_owned}). */
    private static int owners(List<ServiceProcess> replicas, String target) {
        int owners = 0;
        for (ServiceProcess replica : replicas) {
            if (replica.isAlive() && owns(replica, target)) {
                owners++;
            }
        }
        return owners;
    }

    private static ServiceProcess owner(List<ServiceProcess> replicas, String target) {
        return replicas.stream()
                .filter(replica -> owns(replica, target))
                .findFirst()
                .orElseThrow();
    }

    private static boolean owns(ServiceProcess replica, String target) {
        Matcher owned = Pattern.compile("mcpdr_probe_owned\\{target=\"" + target + "\"[^}]*} ([0-9.]+)")
                .matcher(replica.get("/q/metrics"));
        return owned.find() && Double.parseDouble(owned.group(1)) == 1.0;
    }
}
