package io.mcpbridge.dr.coordinator.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.drill.DrillResult;
import io.mcpbridge.dr.events.drill.DrillStart;
import io.mcpbridge.dr.events.drill.DrillStep;
import io.mcpbridge.dr.events.drill.DrillType;
import io.mcpbridge.dr.events.trust.RecordAuthenticator;
import io.mcpbridge.dr.events.trust.RecordSigner;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.TestEvents;
import io.mcpbridge.dr.testing.TestSigners;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What one coordinator replica learns of the drills of the others from a real broker: a run begun elsewhere is
 * taken until its deadline, the first start of a run is known (so of two replicas that began it, one goes on), a
 * result is handed on once, and only the coordinator's records are believed. Each test uses drill ids of its own.
 */
class DrillHistoryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final RecordSigner COORDINATOR = TestSigners.signer(TestSigners.COORDINATOR);
    /** Trusted for commands, like every engineer: not for drills. */
    private static final RecordSigner ENGINEER = TestSigners.signer(TestSigners.ENGINEER);

    private static KafkaBroker broker;
    private static TestEvents events;

    private final Instant now = Instant.now();
    private final AtomicInteger refused = new AtomicInteger();
    private final List<DrillResult> handedOn = new CopyOnWriteArrayList<>();
    private DrillHistory history;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.startDedicated();
        broker.createSystemTopics(3);
        events = new TestEvents(broker.bootstrapServers());
    }

    @AfterAll
    static void stopBroker() {
        events.close();
        broker.close();
    }

    @AfterEach
    void closeHistory() {
        if (history != null) {
            history.close();
        }
    }

    @Test
    void aRunBegunByAnotherReplicaIsTakenUntilItsDeadlineAndItsFirstStartIsKnown() {
        String id = "drill-service-restart-" + now.getEpochSecond();
        history = startedHistory();
        long theirs = events.publishSignedBy(COORDINATOR, started(id, now.plusSeconds(600)))
                .offset();
        long mine = events.publishSignedBy(COORDINATOR, started(id, now.plusSeconds(600)))
                .offset();

        history.catchUp(now.minusSeconds(60));

        assertThat(history.taken(id, now)).isTrue();
        assertThat(history.taken(id, now.plusSeconds(601)))
                .as("a replica that died mid-drill leaves a start without a result: taken until its deadline")
                .isFalse();
        assertThat(history.firstStart(id))
                .as("of two starts, the first on the topic")
                .contains(theirs);
        assertThat(mine).isGreaterThan(theirs);
    }

    @Test
    void aResultMakesTheRunDoneAndIsHandedOnOnce() {
        String id = "drill-backup-verification-" + now.getEpochSecond();
        events.publishSignedBy(COORDINATOR, started(id, now.plusSeconds(5)));
        events.publishSignedBy(COORDINATOR, completed(id));
        history = startedHistory();

        history.catchUp(now.minusSeconds(60));

        assertThat(history.taken(id, now.plusSeconds(3600)))
                .as("done, long after its deadline")
                .isTrue();
        Awaitility.await("the result read at start and by the follower, handed on")
                .during(Duration.ofSeconds(2))
                .atMost(WAIT)
                .until(() -> handedOn.stream().filter(r -> r.id().equals(id)).count() == 1);
    }

    @Test
    void aStartNotSignedByTheCoordinatorIsNotBelieved() {
        String id = "drill-failover-" + now.getEpochSecond();
        history = startedHistory();
        int refusedBefore = refused.get();
        events.publishSignedBy(ENGINEER, started(id, now.plusSeconds(600)));

        history.catchUp(now.minusSeconds(60));

        assertThat(history.taken(id, now)).isFalse();
        assertThat(history.firstStart(id)).isEmpty();
        assertThat(refused.get()).isGreaterThan(refusedBefore);
    }

    private DrillHistory startedHistory() {
        RecordAuthenticator authenticator =
                TestSigners.authenticatorTrusting(TestSigners.COORDINATOR, TestSigners.ENGINEER);
        DrillHistory started = DrillHistory.start(
                Map.of("bootstrap.servers", broker.bootstrapServers()),
                new Believed(authenticator, TestSigners.COORDINATOR, refused::incrementAndGet),
                Duration.ofDays(1),
                Clock.systemUTC(),
                handedOn::add);
        Awaitility.await("the drills read").atMost(WAIT).until(started::ready);
        return started;
    }

    private EventEnvelope started(String id, Instant deadline) {
        DrillType type = typeOf(id);
        return new EventEnvelope(
                id + ":started-" + System.nanoTime(),
                EventType.DRILL_STARTED,
                "/test",
                type.wireName(),
                now,
                new DrillStart(id, type, "schedule", now, deadline));
    }

    private EventEnvelope completed(String id) {
        DrillType type = typeOf(id);
        DrillResult result = new DrillResult(
                id,
                type,
                null,
                "schedule",
                now,
                now.plusSeconds(1),
                List.of(new DrillStep("verify", now, now.plusSeconds(1), true, null)),
                null,
                null,
                null,
                null,
                true,
                null,
                List.of());
        return new EventEnvelope(id, EventType.DRILL_COMPLETED, "/test", type.wireName(), now, result);
    }

    private static DrillType typeOf(String id) {
        for (DrillType type : DrillType.values()) {
            if (id.startsWith(type.key() + "-")) {
                return type;
            }
        }
        throw new IllegalArgumentException(id);
    }
}
