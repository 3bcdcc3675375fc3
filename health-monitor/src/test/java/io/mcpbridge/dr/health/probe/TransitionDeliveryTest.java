package io.mcpbridge.dr.health.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.events.health.ProbeKind;
import io.mcpbridge.dr.events.health.TargetHealth;
import io.mcpbridge.dr.health.metrics.MonitorMetrics;
import io.mcpbridge.dr.health.publish.EventPublisher;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.TopicRecorder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A transition that happens while Kafka is away is not lost: it is published once the broker is back,
 * with the last state consumers actually saw as the previous state.
 */
class TransitionDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private KafkaBroker broker;
    private EventPublisher publisher;

    @AfterEach
    void stop() {
        if (publisher != null) {
            publisher.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aDownThatHappenedDuringABrokerOutageIsPublishedWhenItReturns() throws Exception {
        broker = KafkaBroker.startDedicated();
        publisher = new EventPublisher(Map.of(
                "bootstrap.servers", broker.bootstrapServers(),
                "request.timeout.ms", 1000,
                "delivery.timeout.ms", 2000));
        ScriptedProbe probe = new ScriptedProbe();
        TargetMonitor gateway = new TargetMonitor(
                "gateway",
                "gateway",
                probe,
                Duration.ofSeconds(1),
                new Hysteresis(3, 2, Instant.now()),
                publisher,
                new MonitorMetrics(new SimpleMeterRegistry()),
                Clock.systemUTC());

        try (TopicRecorder before = TopicRecorder.fromNow(broker.bootstrapServers(), Topics.HEALTH)) {
            run(gateway, 2);
            before.awaitPayloads(
                    EventType.HEALTH_CHANGED, TargetHealth.class, h -> h.state() == HealthState.UP, 1, WAIT);
        }

        broker.close();
        probe.observed = HealthState.DOWN;
        run(gateway, 4); // DOWN on the third failure; the fourth retries; neither can be delivered

        broker = broker.restart();
        try (TopicRecorder after = TopicRecorder.fromNow(broker.bootstrapServers(), Topics.HEALTH)) {
            run(gateway, 1);

            TargetHealth down = after.awaitPayloads(
                            EventType.HEALTH_CHANGED, TargetHealth.class, h -> h.state() == HealthState.DOWN, 1, WAIT)
                    .get(0);
            assertThat(down.previousState()).as("the last state consumers saw").isEqualTo(HealthState.UP);
            assertThat(down.consecutive()).isEqualTo(5);

            run(gateway, 1); // once acknowledged, an unchanged state is not published again
            probe.observed = HealthState.UP;
            run(gateway, 2);
            after.awaitPayloads(
                    EventType.HEALTH_CHANGED, TargetHealth.class, h -> h.state() == HealthState.UP, 1, WAIT);
            assertThat(after.payloads(EventType.HEALTH_CHANGED, TargetHealth.class, h -> true))
                    .extracting(TargetHealth::state)
                    .containsExactly(HealthState.DOWN, HealthState.UP);
        }
    }

    private static void run(TargetMonitor monitor, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            monitor.runOnce().get(30, TimeUnit.SECONDS);
        }
    }

    /** A target whose health the test sets. */
    private static final class ScriptedProbe implements Probe {
        volatile HealthState observed = HealthState.UP;

        @Override
        public ProbeKind kind() {
            return ProbeKind.HTTP;
        }

        @Override
        public String endpoint() {
            return "http://gateway:8080/health";
        }

        @Override
        public CompletionStage<ProbeResult> probe() {
            return CompletableFuture.completedFuture(
                    observed == HealthState.DOWN
                            ? ProbeResult.down("HTTP 503", Duration.ofMillis(1))
                            : ProbeResult.up(Duration.ofMillis(1)));
        }
    }
}
