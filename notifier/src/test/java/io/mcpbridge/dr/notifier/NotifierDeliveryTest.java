package io.mcpbridge.dr.notifier;

import static io.mcpbridge.dr.notifier.support.Notifications.notification;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpbridge.dr.events.CloudEventHeaders;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.notifier.support.ChannelStubsResource;
import io.mcpbridge.dr.notifier.support.Notifications;
import io.mcpbridge.dr.notifier.support.NotifierProfile;
import io.mcpbridge.dr.notifier.template.MessageTemplates;
import io.mcpbridge.dr.notifier.template.NotificationView;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.TestEvents;
import io.mcpbridge.dr.testing.TopicRecorder;
import io.mcpbridge.dr.testing.stub.PagerDutyStub;
import io.mcpbridge.dr.testing.stub.RecordedRequest;
import io.mcpbridge.dr.testing.stub.SlackWebhookStub;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The notifier from Kafka to the Slack and PagerDuty stubs, which check every request against the specs. */
@QuarkusTest
@TestProfile(NotifierProfile.class)
class NotifierDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    MessageTemplates templates;

    private TestEvents events;
    private TopicRecorder dlq;
    private SlackWebhookStub slack;
    private PagerDutyStub pagerDuty;

    @BeforeEach
    void connect() {
        events = new TestEvents(KafkaBroker.shared().bootstrapServers());
        dlq = TopicRecorder.fromNow(KafkaBroker.shared().bootstrapServers(), Topics.DLQ);
        slack = ChannelStubsResource.slack();
        pagerDuty = ChannelStubsResource.pagerDuty();
        slack.clear();
        pagerDuty.clear();
    }

    @AfterEach
    void close() {
        events.close();
        dlq.close();
    }

    /**
     * A burst: change events for backups queue on PagerDuty behind a slow answer; a new incident's page then
     * goes before all of them, not behind.
     */
    @Test
    void aNewIncidentsPageGoesBeforeWhatIsQueuedForOthers() {
        pagerDuty.delayNext(Duration.ofSeconds(1));
        String run = "burst-" + System.nanoTime();
        for (int i = 0; i < 5; i++) {
            events.publish(Notifications.envelope(notification()
                    .id(run + "-backup-" + i)
                    .severity(Severity.HIGH)
                    .kind(NotificationKind.BACKUP_FAILED)
                    .summary("backup " + i + " failed")
                    .build()));
        }
        pagerDuty.awaitRequests(1, WAIT);
        NotificationRequest page = notification()
                .id(run + "-page")
                .severity(Severity.CRITICAL)
                .kind(NotificationKind.INCIDENT_OPENED)
                .build();
        events.publish(Notifications.envelope(page));

        List<RecordedRequest> requests = pagerDuty.awaitRequests(6, WAIT);
        List<String> order = requests.stream()
                .map(r -> r.json()
                        .path("dedup_key")
                        .asText(r.json().path("payload").path("summary").asText()))
                .toList();
        assertThat(order.indexOf(page.incidentId()))
                .as("the page right after the answer it waited for: " + order)
                .isEqualTo(1);
    }

    @Test
    void aCriticalIncidentPostsAndPagesAndItsResolutionResolvesTheSameAlert() {
        Notifications incident = notification().severity(Severity.CRITICAL);
        NotificationRequest opened = incident.id("open-" + Instant.now().toEpochMilli())
                .kind(NotificationKind.INCIDENT_OPENED)
                .build();
        NotificationRequest resolved = notification()
                .incident(opened.incidentId())
                .severity(Severity.CRITICAL)
                .kind(NotificationKind.INCIDENT_RESOLVED)
                .build();

        publish(opened);
        publish(resolved);

        List<JsonNode> pages = awaitPagerDuty(opened.incidentId(), 2);
        assertThat(pages).extracting(p -> p.get("event_action").asText()).containsExactly("trigger", "resolve");
        assertThat(pages).extracting(p -> p.get("routing_key").asText()).containsOnly(ChannelStubsResource.ROUTING_KEY);
        assertThat(pages.get(0).at("/payload/severity").asText()).isEqualTo("critical");
        List<RecordedRequest> posts = awaitSlack(opened.incidentId(), 2);
        assertThat(posts).allSatisfy(post -> assertThat(post.violations()).isEmpty());
        assertThat(posts.get(0).json().get("text").asText())
                .startsWith("INCIDENT ALERT - MCP Bridge Service Disruption");
        assertThat(posts.get(1).json().get("text").asText())
                .startsWith("INCIDENT RESOLVED - MCP Bridge Service Restored");
    }

    @Test
    void aDrillsStartAndReportArePostedAndSentAsChangeEventsPagingNobody() {
        String drill = "drill-service-restart-" + Instant.now().toEpochMilli();
        NotificationRequest started = notification()
                .id(drill + ":started")
                .incident(drill)
                .kind(NotificationKind.DRILL_STARTED)
                .severity(Severity.LOW)
                .summary("The service-restart drill began (" + drill + ")")
                .build();
        NotificationRequest report = notification()
                .id(drill + ":result")
                .incident(drill)
                .kind(NotificationKind.DRILL_REPORT)
                .severity(Severity.LOW)
                .summary("The service-restart drill passed (" + drill + ")")
                .detail("RTO", "41 s (target 900 s, met)")
                .build();

        publish(started);
        publish(report);

        List<RecordedRequest> posts = awaitSlack(drill, 2);
        assertThat(posts).allSatisfy(post -> assertThat(post.violations()).isEmpty());
        assertThat(posts.get(0).json().get("text").asText()).startsWith("DR DRILL STARTED - MCP Bridge");
        assertThat(posts.get(1).json().get("text").asText()).startsWith("DR DRILL REPORT - MCP Bridge");
        assertThat(posts.get(1).body()).as("the RTO among the message's fields").contains("41 s (target 900 s, met)");
        Awaitility.await("two change events for " + drill)
                .atMost(WAIT)
                .until(() -> changeEvents(drill).size() == 2);
        assertThat(changeEvents(drill))
                .extracting(event -> event.at("/payload/summary").asText())
                .allMatch(summary -> summary.contains(drill));
        assertThat(pagerDuty.events())
                .as("a drill pages nobody")
                .noneMatch(event -> event.toString().contains(drill));
    }

    private List<JsonNode> changeEvents(String text) {
        return pagerDuty.changeEvents().stream()
                .filter(event -> event.toString().contains(text))
                .toList();
    }

    @Test
    void aTenThousandCharacterSummaryWithThirtyFieldsIsAValidSlackMessage() {
        Notifications big = notification().severity(Severity.MEDIUM).summary("s".repeat(10_000));
        IntStream.range(0, 30).forEach(i -> big.detail("Field " + i, "value " + i));
        NotificationRequest request = big.build();

        publish(request);

        RecordedRequest post = awaitSlack(request.incidentId(), 1).get(0);
        assertThat(post.violations()).isEmpty();
        assertThat(post.status()).isEqualTo(200);
        assertThat(post.body()).contains("Field 29").contains("(truncated)");
    }

    @Test
    void a429IsRetriedNoSoonerThanItsRetryAfterAndDeliveredOnce() {
        slack.rateLimitNext(2);
        NotificationRequest request = notification().severity(Severity.MEDIUM).build();

        publish(request);

        awaitSlack(request.incidentId(), 1);
        List<RecordedRequest> tries = slackRequests(request.incidentId());
        assertThat(tries).hasSize(2);
        assertThat(tries.get(0).status()).isEqualTo(429);
        assertThat(Duration.between(tries.get(0).receivedAt(), tries.get(1).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(tries.stream().filter(RecordedRequest::accepted)).hasSize(1);
    }

    @Test
    void a500ThenSuccessIsDeliveredExactlyOnce() {
        slack.failNext(500, "rollup_error");
        NotificationRequest request = notification().severity(Severity.HIGH).build();

        publish(request);

        awaitSlack(request.incidentId(), 1);
        assertThat(slackRequests(request.incidentId()))
                .extracting(RecordedRequest::status)
                .containsExactly(500, 200);
        String metrics =
                RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("mcpdr_notifications_retried_total{channel=\"slack\"}")
                .contains("mcpdr_notifications_sent_total{channel=\"slack\"}")
                .contains("mcpdr_notifications_delivery_latency_seconds_count{channel=\"slack\"}")
                .contains("mcpdr_notifications_queue_depth{channel=\"slack\"}")
                .doesNotContain(slack.webhookUrl())
                .doesNotContain(ChannelStubsResource.ROUTING_KEY);
    }

    @Test
    void a400GoesToTheDeadLetterTopicWithTheReasonAndTheNextIsStillDelivered() {
        slack.failNext(400, "invalid_payload");
        NotificationRequest refused = notification().severity(Severity.MEDIUM).build();
        NotificationRequest next = notification().severity(Severity.MEDIUM).build();

        publish(refused);
        publish(next);

        awaitSlack(next.incidentId(), 1);
        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(refused.incidentId());
        String reason = EventRecords.header(dead.headers(), CloudEventHeaders.DLQ_REASON)
                .orElseThrow();
        assertThat(reason)
                .contains("slack: HTTP 400: invalid_payload")
                .doesNotContain(slack.webhookUrl())
                .doesNotContain(ChannelStubsResource.ROUTING_KEY);
        assertThat(slackRequests(refused.incidentId())).hasSize(1);
    }

    @Test
    void aMalformedRequestGoesToTheDeadLetterTopicWithTheReason() {
        ProducerRecord<String, byte[]> garbage = new ProducerRecord<>(
                Topics.COMMANDS_NOTIFY,
                "inc-garbage",
                "{\"id\": 42, \"kind\": \"NOT_A_KIND\"".getBytes(StandardCharsets.UTF_8));
        garbage.headers()
                .add(
                        CloudEventHeaders.TYPE,
                        EventType.NOTIFY_REQUESTED.typeName().getBytes(StandardCharsets.UTF_8));

        events.send(garbage);

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter("inc-garbage");
        assertThat(EventRecords.header(dead.headers(), CloudEventHeaders.DLQ_REASON)
                        .orElseThrow())
                .startsWith("not a valid NotificationRequest")
                .contains("NOT_A_KIND");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).startsWith("{\"id\": 42");

        // And people hear of it in the digest: which topic, who refused it, why; never the record itself.
        String deadLetter = "dead-letter:" + dead.partition() + ":" + dead.offset();
        Awaitility.await("the dead letter in the Slack digest")
                .atMost(WAIT)
                .until(() -> slack.accepted().stream().anyMatch(r -> r.body().contains(deadLetter)));
        String digest = slack.accepted().stream()
                .map(RecordedRequest::body)
                .filter(body -> body.contains(deadLetter))
                .findFirst()
                .orElseThrow();
        assertThat(digest)
                .contains("mcp-dr.commands.notify", "not a valid NotificationRequest")
                .doesNotContain("\"id\": 42");
        assertThat(pagerDuty.requests()).noneMatch(r -> r.body().contains(deadLetter));
    }

    @Test
    void lowSeverityNotificationsArriveTogetherInOneDigest() {
        String batch = "digest-" + Instant.now().toEpochMilli();
        List<NotificationRequest> low = IntStream.range(0, 3)
                .mapToObj(i -> notification()
                        .severity(Severity.LOW)
                        .incident(batch + "-" + i)
                        .summary("cosmetic " + i)
                        .build())
                .toList();

        low.forEach(this::publish);

        // A digest goes out every 2 s here: the three may share one or straddle two, never go alone.
        Awaitility.await("all three in digests")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> low.stream()
                        .allMatch(n ->
                                slack.accepted().stream().anyMatch(r -> r.body().contains(n.id()))));
        List<RecordedRequest> carrying =
                slack.requests().stream().filter(r -> r.body().contains(batch)).toList();
        assertThat(carrying).hasSizeBetween(1, 2).allSatisfy(digest -> {
            assertThat(digest.violations()).isEmpty();
            assertThat(digest.json().at("/blocks/0/text/text").asText()).startsWith("MCP Bridge DR digest: ");
        });
        for (NotificationRequest n : low) {
            assertThat(carrying.stream().filter(r -> r.body().contains(n.id())))
                    .as("once: " + n.id())
                    .hasSize(1);
        }
        assertThat(pagerDuty.events()).noneMatch(e -> e.toString().contains(batch));
    }

    @Test
    void pagerDuty500Then202IsOneAlert() {
        pagerDuty.failNext(500, "{\"status\":\"error\"}");
        NotificationRequest opened = notification().severity(Severity.CRITICAL).build();

        publish(opened);

        awaitPagerDuty(opened.incidentId(), 1);
        List<RecordedRequest> tries = pagerDuty.requests().stream()
                .filter(r -> r.body().contains(opened.incidentId()))
                .toList();
        assertThat(tries).extracting(RecordedRequest::status).containsExactly(500, 202);
        assertThat(pagerDuty.eventsFor(opened.incidentId())).hasSize(1);
    }

    @Test
    void aSlowSlackNeverDelaysPagerDuty() {
        slack.delayNext(Duration.ofSeconds(4));
        NotificationRequest opened = notification().severity(Severity.CRITICAL).build();

        publish(opened);

        awaitPagerDuty(opened.incidentId(), 1);
        List<RecordedRequest> posts = slackRequests(opened.incidentId());
        RecordedRequest page = pagerDuty.requests().stream()
                .filter(r -> r.body().contains(opened.incidentId()))
                .findFirst()
                .orElseThrow();
        // Paged while Slack was still sitting on its answer.
        assertThat(posts).hasSize(1);
        assertThat(page.receivedAt()).isBefore(posts.get(0).receivedAt().plus(Duration.ofSeconds(4)));
        awaitSlack(opened.incidentId(), 1);
    }

    @Test
    void aRequestWithOnlyTheRequiredFieldsRendersUnknownNeverTemplateSyntax() {
        NotificationRequest sparse =
                notification().sparse().severity(Severity.MEDIUM).build();

        String text = templates.plainText(new NotificationView(sparse));

        assertThat(text)
                .startsWith("INCIDENT ALERT - MCP Bridge Service Disruption")
                .contains("Customer Impact: unknown")
                .contains("Bridge: unknown")
                .doesNotContain("{")
                .doesNotContain("null");
    }

    private void publish(NotificationRequest request) {
        events.publish(Notifications.envelope(request));
    }

    private List<RecordedRequest> slackRequests(String incidentId) {
        return slack.requests().stream()
                .filter(r -> r.body().contains(incidentId))
                .toList();
    }

    private List<RecordedRequest> awaitSlack(String incidentId, int accepted) {
        Awaitility.await("Slack accepts " + accepted + " for " + incidentId)
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> slackRequests(incidentId).stream()
                                .filter(RecordedRequest::accepted)
                                .count()
                        >= accepted);
        return slackRequests(incidentId).stream()
                .filter(RecordedRequest::accepted)
                .toList();
    }

    private List<JsonNode> awaitPagerDuty(String incidentId, int count) {
        Awaitility.await("PagerDuty events for " + incidentId)
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> pagerDuty.eventsFor(incidentId).size() >= count);
        return pagerDuty.eventsFor(incidentId);
    }

    private ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        Awaitility.await("dead letter keyed " + key)
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> dlq.records().stream().anyMatch(r -> key.equals(r.key())));
        return dlq.records().stream()
                .filter(r -> key.equals(r.key()))
                .findFirst()
                .orElseThrow();
    }
}
