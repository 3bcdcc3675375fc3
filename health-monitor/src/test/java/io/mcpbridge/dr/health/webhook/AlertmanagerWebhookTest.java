package io.mcpbridge.dr.health.webhook;

import static io.mcpbridge.dr.health.support.AlertmanagerBodies.fingerprint;
import static io.mcpbridge.dr.health.support.AlertmanagerBodies.notification;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.mcpbridge.dr.events.CloudEventHeaders;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.alert.AlertEvent;
import io.mcpbridge.dr.events.alert.AlertStatus;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.health.support.MetricsScrape;
import io.mcpbridge.dr.health.support.Profiles;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Alertmanager webhook, one test per outcome, against a real Kafka broker. */
@QuarkusTest
@TestProfile(Profiles.Webhook.class)
class AlertmanagerWebhookTest {

    private static final String PATH = "/api/v1/alertmanager";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private TopicRecorder alerts;

    @BeforeEach
    void record() {
        alerts = TopicRecorder.fromNow(KafkaBroker.shared().bootstrapServers(), Topics.ALERTS);
    }

    @AfterEach
    void stopRecording() {
        alerts.close();
    }

    @Test
    void acceptedAlertsAreOnTheTopicKeyedByComponentBeforeThe200() {
        String gateway = fingerprint();
        String redis = fingerprint();
        String body = notification()
                .firing(gateway, "mcp-gateway", "critical")
                .firing(redis, "mcp-redis", "warning")
                .json();

        authorized()
                .body(body)
                .post(PATH)
                .then()
                .statusCode(200)
                .body("status", equalTo("accepted"))
                .body("alerts", equalTo(2))
                .body("published", equalTo(2));

        // The answer came after the ack: both records are already readable (the wait only covers the consumer).
        List<ConsumerRecord<String, byte[]>> records = alerts.awaitRecords(2, WAIT);
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("gateway", "redis");
        AlertEvent gatewayAlert = alertWithFingerprint(gateway);
        assertThat(gatewayAlert.component()).isEqualTo("gateway");
        assertThat(gatewayAlert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(gatewayAlert.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(gatewayAlert.endsAt()).as("firing alerts have no end").isNull();
        assertThat(gatewayAlert.startsAt()).isEqualTo(Instant.parse("2026-10-17T09:12:30.123Z"));
        assertThat(gatewayAlert.labels()).containsEntry("instance", "mcp-gateway-0:8080");
        assertThat(gatewayAlert.summary()).isEqualTo("Gateway /health reports healthy=false");
        assertThat(gatewayAlert.generatorUrl()).startsWith("http://prometheus:9090/graph");
        assertThat(alertWithFingerprint(redis).severity()).isEqualTo(Severity.MEDIUM);

        ConsumerRecord<String, byte[]> record = records.stream()
                .filter(r -> r.key().equals("gateway"))
                .findFirst()
                .orElseThrow();
        assertThat(EventRecords.header(record.headers(), CloudEventHeaders.TYPE))
                .contains("mcpdr.alert.received.v1");
        assertThat(EventRecords.header(record.headers(), CloudEventHeaders.ID))
                .contains(gateway + ":firing:"
                        + Instant.parse("2026-10-17T09:12:30.123Z").toEpochMilli());
        assertThat(EventRecords.header(record.headers(), CloudEventHeaders.SOURCE))
                .contains("/mcp-dr/health-monitor");
    }

    @Test
    void aRepeatedAlertIsNotPublishedAgain() {
        String repeated = fingerprint();
        String body = notification().firing(repeated, "mcp-gateway", "critical").json();
        authorized().body(body).post(PATH).then().statusCode(200).body("published", equalTo(1));

        authorized()
                .body(body)
                .post(PATH)
                .then()
                .statusCode(200)
                .body("published", equalTo(0))
                .body("duplicates", equalTo(1));

        // A later alert of the same component lands on the same partition, after any repeat would have.
        String marker = fingerprint();
        authorized()
                .body(notification().firing(marker, "mcp-gateway", "critical").json())
                .post(PATH)
                .then()
                .statusCode(200);
        alerts.awaitPayloads(
                EventType.ALERT_RECEIVED, AlertEvent.class, a -> a.fingerprint().equals(marker), 1, WAIT);
        assertThat(alerts.payloads(
                        EventType.ALERT_RECEIVED,
                        AlertEvent.class,
                        a -> a.fingerprint().equals(repeated)))
                .hasSize(1);
        assertThat(MetricsScrape.value("mcpdr_alerts_duplicates_total")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aResolvedAlertIsPublishedAsResolvedAndFiringAgainIsNews() {
        String flapping = fingerprint();
        authorized()
                .body(notification().firing(flapping, "mcp-router", "high").json())
                .post(PATH)
                .then()
                .statusCode(200)
                .body("published", equalTo(1));
        authorized()
                .body(notification().resolved(flapping, "mcp-router", "high").json())
                .post(PATH)
                .then()
                .statusCode(200)
                .body("published", equalTo(1));
        authorized()
                .body(notification().firing(flapping, "mcp-router", "high").json())
                .post(PATH)
                .then()
                .statusCode(200)
                .body("published", equalTo(1));

        List<AlertEvent> events = alerts.awaitPayloads(
                EventType.ALERT_RECEIVED, AlertEvent.class, a -> a.fingerprint().equals(flapping), 3, WAIT);
        assertThat(events)
                .extracting(AlertEvent::status)
                .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED, AlertStatus.FIRING);
        assertThat(events.get(1).endsAt()).isEqualTo(Instant.parse("2026-10-17T09:20:00Z"));
        assertThat(events).extracting(AlertEvent::component).containsOnly("router");
        assertThat(events).extracting(AlertEvent::severity).containsOnly(Severity.HIGH);
    }

    @Test
    void malformedJsonIs400WithAMessageAndPublishesNothing() {
        authorized()
                .body("{\"version\":\"4\",\"alerts\":[{")
                .post(PATH)
                .then()
                .statusCode(400)
                .body("status", equalTo("bad_request"))
                .body("error", containsString("malformed JSON"));
        authorized().body("").post(PATH).then().statusCode(400).body("error", containsString("empty body"));
    }

    @Test
    void anotherPayloadVersionIs400() {
        authorized()
                .body(notification()
                        .version("3")
                        .firing(fingerprint(), "mcp-gateway", "critical")
                        .json())
                .post(PATH)
                .then()
                .statusCode(400)
                .body("error", equalTo("unsupported payload version '3': expected \"4\""));
    }

    @Test
    void anInvalidAlertIs400NamingTheFieldAndNothingOfTheBodyIsPublished() {
        String valid = fingerprint();
        String body = notification()
                .firing(valid, "mcp-gateway", "critical")
                .alert("pending", fingerprint(), Map.of("job", "mcp-gateway"), "0001-01-01T00:00:00Z")
                .json();

        authorized()
                .body(body)
                .post(PATH)
                .then()
                .statusCode(400)
                .body("error", equalTo("alerts[1].status must be firing or resolved, got 'pending'"));

        // Nothing half-done: the valid first alert was not published either.
        String marker = fingerprint();
        authorized()
                .body(notification().firing(marker, "mcp-gateway", "critical").json())
                .post(PATH)
                .then()
                .statusCode(200);
        alerts.awaitPayloads(
                EventType.ALERT_RECEIVED, AlertEvent.class, a -> a.fingerprint().equals(marker), 1, WAIT);
        assertThat(alerts.payloads(
                        EventType.ALERT_RECEIVED,
                        AlertEvent.class,
                        a -> a.fingerprint().equals(valid)))
                .isEmpty();
    }

    @Test
    void missingOrWrongCredentialsAre401() {
        String body =
                notification().firing(fingerprint(), "mcp-gateway", "critical").json();

        given().contentType(ContentType.JSON)
                .body(body)
                .post(PATH)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"mcp-dr\"")
                .body("error", equalTo("missing or wrong credentials"));
        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer not-the-token")
                .body(body)
                .post(PATH)
                .then()
                .statusCode(401);
        given().contentType(ContentType.JSON)
                .header("Authorization", "Basic dGVzdDp0ZXN0LXRva2Vu")
                .body(body)
                .post(PATH)
                .then()
                .statusCode(401);
        assertThat(MetricsScrape.value("mcpdr_webhook_requests_total{outcome=\"unauthorized\""))
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void aBodyAboveTheLimitIs413() {
        byte[] oversized = new byte[1024 * 1024 + 1];
        Arrays.fill(oversized, (byte) ' ');

        authorized()
                .body(oversized)
                .post(PATH)
                .then()
                .statusCode(413)
                .body("error", equalTo("body of 1048577 bytes exceeds the limit of 1048576 bytes"));
    }

    @Test
    void metricsCountAcceptedRequestsAndPublishedAlerts() {
        double before = MetricsScrape.value("mcpdr_alerts_published_total{status=\"firing\"");

        authorized()
                .body(notification()
                        .firing(fingerprint(), "mcp-gateway", "critical")
                        .json())
                .post(PATH)
                .then()
                .statusCode(200);

        assertThat(MetricsScrape.value("mcpdr_alerts_published_total{status=\"firing\""))
                .isEqualTo(before + 1);
        assertThat(MetricsScrape.value("mcpdr_webhook_requests_total{outcome=\"accepted\""))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void alertsAlertmanagerTruncatedAreCountedSoSomeoneNotices() {
        double before = MetricsScrape.value("mcpdr_alerts_truncated_total");

        authorized()
                .body(notification()
                        .truncated(5)
                        .firing(fingerprint(), "mcp-gateway", "critical")
                        .json())
                .post(PATH)
                .then()
                .statusCode(200)
                .body("published", equalTo(1));

        assertThat(MetricsScrape.value("mcpdr_alerts_truncated_total")).isEqualTo(before + 5);
    }

    private AlertEvent alertWithFingerprint(String fingerprint) {
        return alerts.payloads(
                        EventType.ALERT_RECEIVED,
                        AlertEvent.class,
                        a -> a.fingerprint().equals(fingerprint))
                .get(0);
    }

    private static RequestSpecification authorized() {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer test-token");
    }
}
