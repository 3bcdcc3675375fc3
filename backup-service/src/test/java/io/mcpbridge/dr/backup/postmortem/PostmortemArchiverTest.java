package io.mcpbridge.dr.backup.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.backup.operation.BackupContext;
import io.mcpbridge.dr.backup.support.BackupServiceProfile;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.TestEvents;
import io.mcpbridge.dr.testing.TestSigners;
import io.mcpbridge.dr.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A resolved incident's postmortem draft is kept in the bucket (the real S3 server) where people find it, once;
 * an incident record nobody trusted signed is refused to the dead letter topic and keeps nothing.
 */
@QuarkusTest
@TestProfile(BackupServiceProfile.class)
class PostmortemArchiverTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    BackupContext context;

    @Test
    void aResolvedIncidentsPostmortemIsKeptInTheBucketOnceAndAForgedOneNot() throws Exception {
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        String id = "inc-gateway-" + System.nanoTime();
        String forged = "inc-router-" + System.nanoTime();
        try (TestEvents events = new TestEvents(bootstrap);
                TopicRecorder dlq = TopicRecorder.fromNow(bootstrap, Topics.DLQ)) {
            events.publishSignedBy(
                    TestSigners.signer(TestSigners.COORDINATOR), envelope(resolved(id, "# Postmortem\n")));
            events.publishSignedBy(
                    TestSigners.signer(TestSigners.COORDINATOR), envelope(resolved(id, "# Rewritten later\n")));
            events.publishSignedBy(TestSigners.signer(TestSigners.STRANGER), envelope(resolved(forged, "# Forged\n")));

            Awaitility.await("the draft in the bucket").atMost(WAIT).until(() -> kept(id).isPresent());
            Awaitility.await("the forged record refused with the reason")
                    .atMost(WAIT)
                    .until(() -> dlq.records().stream()
                            .anyMatch(r -> forged.equals(r.key())
                                    && EventRecords.header(r.headers(), "dead-letter-reason")
                                            .isPresent()));
            assertThat(kept(id)).as("created once, never rewritten").contains("# Postmortem\n");
            assertThat(kept(forged)).isEmpty();
        }
    }

    private Optional<String> kept(String incidentId) throws Exception {
        return context.store()
                .get(context.layout().postmortemKey(incidentId))
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    private static EventEnvelope envelope(Incident incident) {
        return new EventEnvelope(
                incident.id() + ":" + incident.version(),
                EventType.INCIDENT_UPDATED,
                "/mcp-dr/recovery-coordinator",
                incident.id(),
                Instant.now(),
                incident);
    }

    private static Incident resolved(String id, String postmortem) {
        Instant t = Instant.now();
        return new Incident(
                id,
                "gateway",
                "service-failure",
                Map.of(),
                Severity.CRITICAL,
                IncidentState.RESOLVED,
                "gateway DOWN",
                t,
                t,
                t,
                null,
                t,
                Duration.ofMinutes(2),
                Duration.ofMinutes(15),
                null,
                null,
                "alice",
                List.of(),
                List.of(),
                postmortem,
                7);
    }
}
