package io.mcpbridge.dr.coordinator.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.coordinator.support.CoordinatorCluster;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.drill.DrillResult;
import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.testing.ClusterFixtures;
import io.mcpbridge.dr.testing.HealthSignals;
import io.mcpbridge.dr.testing.ServiceProcess;
import io.mcpbridge.dr.testing.TestEvents;
import io.mcpbridge.dr.testing.TopicRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Two packaged coordinators with a restart drill of the gateway's canary every {@value #PERIOD_SECONDS} s: each
 * period's drill runs once across the two (it belongs to the replica that owns its key's partition), and passes,
 * the canary seen healthy again through health-monitor's snapshots (published here every half second).
 */
class DrillReplicasIT {

    private static final int PERIOD_SECONDS = 15;
    private static final int PERIODS = 3;
    private static final Pattern SCHEDULED = Pattern.compile("drill-service-restart-(\\d+)");

    @Test
    void eachPeriodsDrillRunsOnceAcrossTwoReplicas() throws Exception {
        Path drills = Files.createTempFile("drills-", ".yaml");
        Files.writeString(drills, """
                drills:
                  - type: backup-verification
                    schedule: "off"
                  - type: failover
                    schedule: "off"
                    target: gateway-canary
                    failOver: {action: fail-over, parameters: {service: mcp-gateway-canary, to: mcp-gateway-canary-dr}}
                    failBack: {action: fail-over, parameters: {service: mcp-gateway-canary, to: mcp-gateway-canary}}
                  - type: service-restart
                    schedule: "*/%d * * * * ?"
                    timeout: PT10S
                    target: gateway-canary
                    restart:
                      action: rollout-restart
                      parameters: {deployment: mcp-gateway-canary}
                """.formatted(PERIOD_SECONDS));
        Map<String, String> settings = Map.of(
                "mcpdr.coordinator.drills.file", drills.toString(),
                "mcpdr.coordinator.drills.on-schedule", "true",
                "mcpdr.coordinator.drills.tick", "1s");
        ScheduledExecutorService healthMonitor = Executors.newSingleThreadScheduledExecutor();
        try (CoordinatorCluster cluster = CoordinatorCluster.start(3, List.of("gateway"));
                TestEvents events = new TestEvents(cluster.bootstrapServers());
                TopicRecorder results = TopicRecorder.fromNow(cluster.bootstrapServers(), Topics.DRILLS)) {
            ClusterFixtures.deployment(cluster.client(), CoordinatorCluster.NAMESPACE, "mcp-gateway-canary");
            healthMonitor.scheduleAtFixedRate(
                    () -> events.publish(HealthSignals.health(
                            "gateway-canary", HealthState.UP, HealthState.UP, false, Instant.now())),
                    0,
                    500,
                    TimeUnit.MILLISECONDS);
            ServiceProcess a = cluster.startCoordinator("coordinator-a", settings);
            ServiceProcess b = cluster.startCoordinator("coordinator-b", settings);
            Awaitility.await("the two coordinators share the partitions")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> CoordinatorCluster.split(a, b, 3));
            long first = Instant.now().getEpochSecond() / PERIOD_SECONDS * PERIOD_SECONDS + PERIOD_SECONDS;
            long last = first + (long) (PERIODS - 1) * PERIOD_SECONDS;

            Awaitility.await("the drills of " + PERIODS + " periods")
                    .atMost(Duration.ofSeconds((long) (PERIODS + 2) * PERIOD_SECONDS))
                    .until(() -> byPeriod(results).keySet().stream()
                                    .filter(p -> p >= first && p <= last)
                                    .count()
                            == PERIODS);
            // Every period since the first started, also one due while the second replica joined (both may
            // have begun it: the first start on the topic goes on, the other stands down).
            Awaitility.await("no second drill of a period")
                    .during(Duration.ofSeconds(5))
                    .atMost(Duration.ofSeconds(8))
                    .until(() -> byPeriod(results).values().stream().allMatch(runs -> runs == 1));

            for (DrillResult drill : scheduled(results)) {
                if (Long.parseLong(drill.id().substring(drill.id().lastIndexOf('-') + 1)) < first) {
                    continue;
                }
                assertThat(drill.passed())
                        .as(drill.id() + ": " + drill.reason())
                        .isTrue();
                assertThat(drill.rtoMillis()).as(drill.id()).isNotNull();
            }
        } finally {
            healthMonitor.shutdownNow();
        }
    }

    private static Map<Long, Integer> byPeriod(TopicRecorder results) {
        Map<Long, Integer> byPeriod = new TreeMap<>();
        for (DrillResult drill : scheduled(results)) {
            Matcher period = SCHEDULED.matcher(drill.id());
            if (period.matches()) {
                byPeriod.merge(Long.parseLong(period.group(1)), 1, Integer::sum);
            }
        }
        return byPeriod;
    }

    private static List<DrillResult> scheduled(TopicRecorder results) {
        return results.payloads(
                EventType.DRILL_COMPLETED,
                DrillResult.class,
                drill -> SCHEDULED.matcher(drill.id()).matches());
    }
}
