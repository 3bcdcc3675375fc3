package io.mcpbridge.dr.health.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.CloudEventHeaders;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.events.health.ProbeKind;
import io.mcpbridge.dr.events.health.TargetHealth;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.health.support.BridgeStackResource;
import io.mcpbridge.dr.health.support.MetricsScrape;
import io.mcpbridge.dr.health.support.Profiles;
import io.mcpbridge.dr.simulator.Mode;
import io.mcpbridge.dr.testing.DedicatedKafkaBrokerResource;
import io.mcpbridge.dr.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * health-monitor probing a simulated MCP Bridge and a real redis-server, publishing to a real broker
 * (probe every 200 ms, DOWN after 3 failures, UP after 2 successes, snapshots every second).
 */
@QuarkusTest
@TestProfile(Profiles.Probes.class)
class ProbeFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private TopicRecorder health;

    @BeforeEach
    void healthyBridge() {
        BridgeStackResource.bridge().gateway(Mode.HEALTHY);
        BridgeStackResource.bridge().router(Mode.HEALTHY);
        health = TopicRecorder.fromNow(DedicatedKafkaBrokerResource.broker().bootstrapServers(), Topics.HEALTH);
        // Every target settled (its first verdict, or the recovery a previous test caused, already published), so
        // that a test sees only the transitions it causes.
        for (String target : List.of("gateway", "router", "redis")) {
            awaitSnapshot(target, HealthState.UP);
        }
    }

    @AfterEach
    void stopRecording() {
        health.close();
    }

    @Test
    void gatewayTurningUnhealthyIsOneDownTransitionAndHealingIsOneUp() {
        BridgeStackResource.bridge().gateway(Mode.UNHEALTHY);

        TargetHealth down = health.awaitPayloads(
                        EventType.HEALTH_CHANGED,
                        TargetHealth.class,
                        h -> h.target().equals("gateway") && h.state() == HealthState.DOWN,
                        1,
                        WAIT)
                .get(0);
        assertThat(down.previousState()).isEqualTo(HealthState.UP);
        assertThat(down.consecutive()).as("DOWN only after down-after failures").isEqualTo(3);
        assertThat(down.component()).isEqualTo("gateway");
        assertThat(down.kind()).isEqualTo(ProbeKind.HTTP);
        assertThat(down.lastError()).contains("HTTP 503").contains("healthy is false");
        assertThat(health.records())
                .filteredOn(r -> r.key().equals("gateway")
                        && EventRecords.header(r.headers(), CloudEventHeaders.TYPE)
                                .orElse("")
                                .equals("mcpdr.health.changed.v1"))
                .extracting(r ->
                        EventRecords.header(r.headers(), CloudEventHeaders.ID).orElseThrow())
                .as("a transition's id is stable, so a republished copy can be dropped")
                .contains("gateway:down:" + down.since().toEpochMilli());

        // Still broken for a while: no second DOWN however many more probes fail.
        awaitSnapshot("gateway", HealthState.DOWN);
        BridgeStackResource.bridge().gateway(Mode.HEALTHY);

        TargetHealth up = health.awaitPayloads(
                        EventType.HEALTH_CHANGED,
                        TargetHealth.class,
                        h -> h.target().equals("gateway") && h.state() == HealthState.UP,
                        1,
                        WAIT)
                .get(0);
        assertThat(up.previousState()).isEqualTo(HealthState.DOWN);
        assertThat(up.consecutive()).as("UP only after up-after successes").isEqualTo(2);
        assertThat(up.lastError()).isNull();

        List<TargetHealth> gatewayTransitions = health.payloads(
                EventType.HEALTH_CHANGED, TargetHealth.class, h -> h.target().equals("gateway"));
        assertThat(gatewayTransitions)
                .extracting(TargetHealth::state)
                .containsExactly(HealthState.DOWN, HealthState.UP);
        assertThat(health.records())
                .filteredOn(r -> r.key().equals("gateway"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.key()).isEqualTo("gateway"));
        assertThat(health.payloads(
                        EventType.HEALTH_CHANGED,
                        TargetHealth.class,
                        h -> !h.target().equals("gateway")))
                .as("the router and Redis stayed healthy")
                .isEmpty();
    }

    @Test
    void snapshotsReportEveryTargetWithoutATransition() {
        for (String target : List.of("gateway", "router", "redis")) {
            TargetHealth snapshot = awaitSnapshot(target, HealthState.UP);
            assertThat(snapshot.component()).isEqualTo(target);
            assertThat(snapshot.observedAt()).isNotNull();
            assertThat(snapshot.endpoint())
                    .startsWith(target.equals("redis") ? "redis://127.0.0.1:" : "http://127.0.0.1:");
        }
        assertThat(health.events(EventType.HEALTH_CHANGED)).isEmpty();
    }

    @Test
    void aSlowRouterNeverDelaysTheGatewayProbes() {
        // The router now answers after 3 s, six times its 500 ms timeout.
        BridgeStackResource.bridge().router(Mode.SLOW);
        double gatewayProbes = MetricsScrape.value("mcpdr_probe_attempts_total{result=\"up\",target=\"gateway\"");

        // At a 200 ms interval the gateway keeps being probed ~5 times a second while router probes hang.
        Awaitility.await()
                .atMost(Duration.ofSeconds(3))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> MetricsScrape.value("mcpdr_probe_attempts_total{result=\"up\",target=\"gateway\"")
                        >= gatewayProbes + 8);
        TargetHealth routerDown = health.awaitPayloads(
                        EventType.HEALTH_CHANGED,
                        TargetHealth.class,
                        h -> h.target().equals("router") && h.state() == HealthState.DOWN,
                        1,
                        WAIT)
                .get(0);
        assertThat(routerDown.lastError()).isEqualTo("no answer within 500 ms");
        assertThat(MetricsScrape.value("mcpdr_target_state{component=\"router\",state=\"DOWN\""))
                .isEqualTo(1);

        BridgeStackResource.bridge().router(Mode.HEALTHY);
        health.awaitPayloads(
                EventType.HEALTH_CHANGED,
                TargetHealth.class,
                h -> h.target().equals("router")
                        && h.state() == HealthState.UP
                        && h.previousState() == HealthState.DOWN,
                1,
                WAIT);
    }

    private TargetHealth awaitSnapshot(String target, HealthState state) {
        List<TargetHealth> snapshots = health.awaitPayloads(
                EventType.HEALTH_SNAPSHOT,
                TargetHealth.class,
                h -> h.target().equals(target) && h.state() == state,
                1,
                WAIT);
        return snapshots.get(snapshots.size() - 1);
    }
}
