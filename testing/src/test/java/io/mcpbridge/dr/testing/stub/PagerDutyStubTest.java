package io.mcpbridge.dr.testing.stub;

import static io.mcpbridge.dr.testing.stub.PagerDutyEvents.acknowledge;
import static io.mcpbridge.dr.testing.stub.PagerDutyEvents.change;
import static io.mcpbridge.dr.testing.stub.PagerDutyEvents.resolve;
import static io.mcpbridge.dr.testing.stub.PagerDutyEvents.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PagerDutyStubTest {

    private final StubHttp http = new StubHttp();
    private final ObjectMapper json = new ObjectMapper();
    private PagerDutyStub pagerDuty;

    @BeforeEach
    void start() {
        pagerDuty = PagerDutyStub.start();
    }

    @AfterEach
    void stop() {
        pagerDuty.close();
    }

    @Test
    void acceptsATriggerWith202AndEchoesItsDedupKey() throws Exception {
        HttpResponse<String> response =
                http.post(pagerDuty.enqueueUrl(), trigger("incident-42").json());

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("success");
        assertThat(body.path("message").asText()).isEqualTo("Event processed");
        assertThat(body.path("dedup_key").asText()).isEqualTo("incident-42");
        assertThat(pagerDuty.events())
                .singleElement()
                .satisfies(event -> assertThat(
                                event.path("payload").path("severity").asText())
                        .isEqualTo("critical"));
    }

    @Test
    void makesUpADedupKeyForATriggerWithoutOne() throws Exception {
        HttpResponse<String> response = http.post(
                pagerDuty.enqueueUrl(), trigger("unused").without("dedup_key").json());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json.readTree(response.body()).path("dedup_key").asText()).hasSize(32);
    }

    @Test
    void acceptsEventsAtEveryLimit() throws Exception {
        String atLimits = trigger("k".repeat(255))
                .payload("summary", "s".repeat(1024))
                .payload("timestamp", "2026-01-02T03:04:05.123Z")
                .link("https://runbooks.example.com/gateway")
                .image("https://grafana.example.com/d/bridge.png")
                .customDetail("log", "l".repeat(500 * 1024))
                .json();

        HttpResponse<String> response = http.post(pagerDuty.enqueueUrl(), atLimits);

        assertThat(pagerDuty.requests().get(0).violations()).isEmpty();
        assertThat(response.statusCode()).isEqualTo(202);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2015-07-17T08:42:58.315+0000", "2026-01-02T03:04:05Z", "2026-01-02T03:04:05.123+02:00"})
    void acceptsIso8601TimestampsWithAnOffset(String timestamp) throws Exception {
        HttpResponse<String> response = http.post(
                pagerDuty.enqueueUrl(),
                trigger("incident-42").payload("timestamp", timestamp).json());

        assertThat(response.statusCode()).isEqualTo(202);
    }

    static Stream<Arguments> invalidEvents() {
        return Stream.of(
                Arguments.of("not JSON", "trigger please", "body is not JSON"),
                Arguments.of(
                        "no routing_key", trigger("i-1").without("routing_key").json(), "routing_key is required"),
                Arguments.of(
                        "short routing_key",
                        trigger("i-1").set("routing_key", "r".repeat(31)).json(),
                        "routing_key must be 32 characters, got 31"),
                Arguments.of(
                        "unknown event_action",
                        trigger("i-1").set("event_action", "fire").json(),
                        "event_action 'fire' is not trigger, acknowledge or resolve"),
                Arguments.of(
                        "long dedup_key", trigger("k".repeat(256)).json(), "dedup_key is 256 characters, at most 255"),
                Arguments.of(
                        "resolve without dedup_key",
                        resolve("i-1").without("dedup_key").json(),
                        "dedup_key is required to resolve"),
                Arguments.of(
                        "acknowledge without dedup_key",
                        acknowledge("i-1").without("dedup_key").json(),
                        "dedup_key is required to acknowledge"),
                Arguments.of(
                        "trigger without payload",
                        trigger("i-1").without("payload").json(),
                        "payload is required for trigger"),
                Arguments.of(
                        "no summary", trigger("i-1").withoutPayload("summary").json(), "payload.summary is required"),
                Arguments.of(
                        "long summary",
                        trigger("i-1").payload("summary", "s".repeat(1025)).json(),
                        "payload.summary is 1025 characters, at most 1024"),
                Arguments.of(
                        "no source", trigger("i-1").withoutPayload("source").json(), "payload.source is required"),
                Arguments.of(
                        "unknown severity",
                        trigger("i-1").payload("severity", "fatal").json(),
                        "payload.severity 'fatal' is not critical, error, warning or info"),
                Arguments.of(
                        "timestamp not ISO 8601",
                        trigger("i-1").payload("timestamp", "yesterday").json(),
                        "is not an ISO 8601 date-time"),
                Arguments.of("link without href", trigger("i-1").link(null).json(), "links[0] has no href"),
                Arguments.of(
                        "image over http",
                        trigger("i-1").image("http://grafana/d.png").json(),
                        "images[0].src must be an https URL"),
                Arguments.of(
                        "over 512 KB",
                        trigger("i-1")
                                .customDetail("log", "l".repeat(512 * 1024))
                                .json(),
                        "at most 524288 (512 KB)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidEvents")
    void rejectsAnEventPagerDutyWouldRejectWith400AndTheErrors(String name, String body, String violation)
            throws Exception {
        HttpResponse<String> response = http.post(pagerDuty.enqueueUrl(), body);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.path("status").asText()).isEqualTo("invalid event");
        assertThat(answer.path("message").asText()).isEqualTo("Event object is invalid");
        assertThat(texts(answer.path("errors")))
                .anySatisfy(error -> assertThat(error).contains(violation));
        assertThat(pagerDuty.requests())
                .singleElement()
                .satisfies(request -> assertThat(request.violations())
                        .anySatisfy(found -> assertThat(found).contains(violation)));
        assertThat(pagerDuty.events()).isEmpty();
    }

    @Test
    void eventsForFollowsOneIncidentThroughTriggerAcknowledgeAndResolve() throws Exception {
        http.post(pagerDuty.enqueueUrl(), trigger("incident-42").json());
        http.post(pagerDuty.enqueueUrl(), trigger("incident-43").json());
        http.post(pagerDuty.enqueueUrl(), acknowledge("incident-42").json());
        http.post(pagerDuty.enqueueUrl(), resolve("incident-42").json());

        assertThat(pagerDuty.events()).hasSize(4);
        assertThat(pagerDuty.eventsFor("incident-42").stream()
                        .map(event -> event.path("event_action").asText()))
                .containsExactly("trigger", "acknowledge", "resolve");
        assertThat(pagerDuty.changeEvents()).isEmpty();
    }

    @Test
    void acceptsAChangeEventAndKeepsItApartFromAlerts() throws Exception {
        HttpResponse<String> response = http.post(
                pagerDuty.changeEnqueueUrl(),
                change("Restore drill finished")
                        .link("https://ci.example.com/drills/7")
                        .json());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json.readTree(response.body()).path("status").asText()).isEqualTo("success");
        assertThat(pagerDuty.changeEvents())
                .singleElement()
                .satisfies(event -> assertThat(
                                event.path("payload").path("summary").asText())
                        .isEqualTo("Restore drill finished"));
        assertThat(pagerDuty.events()).isEmpty();
    }

    @Test
    void rejectsAChangeEventWithoutSummaryOrRoutingKey() throws Exception {
        HttpResponse<String> noSummary = http.post(
                pagerDuty.changeEnqueueUrl(),
                change("Drill").withoutPayload("summary").json());
        HttpResponse<String> noKey = http.post(
                pagerDuty.changeEnqueueUrl(),
                change("Drill").without("routing_key").json());

        assertThat(noSummary.statusCode()).isEqualTo(400);
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(pagerDuty.requests().stream()
                        .map(request -> request.violations().get(0)))
                .containsExactly("payload.summary is required", "routing_key is required");
        assertThat(pagerDuty.changeEvents()).isEmpty();
    }

    @Test
    void answersScriptedThrottleThenServerErrorInOrderThenProcesses() throws Exception {
        pagerDuty.rateLimitNext(30);
        pagerDuty.failNext(503, "{\"status\":\"unavailable\"}");

        HttpResponse<String> throttled =
                http.post(pagerDuty.enqueueUrl(), trigger("incident-42").json());
        HttpResponse<String> failed =
                http.post(pagerDuty.enqueueUrl(), trigger("incident-42").json());
        HttpResponse<String> processed =
                http.post(pagerDuty.enqueueUrl(), trigger("incident-42").json());

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("30");
        assertThat(json.readTree(throttled.body()).path("status").asText()).isEqualTo("throttle event");
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(processed.statusCode()).isEqualTo(202);
        assertThat(pagerDuty.eventsFor("incident-42")).hasSize(1);
        assertThat(pagerDuty.requests()).hasSize(3);
    }

    @Test
    void maxRequestsInAnyWindowCountsOnlyProcessedEvents() throws Exception {
        http.post(pagerDuty.enqueueUrl(), trigger("incident-42").json());
        pagerDuty.rateLimitNext(30);
        http.post(pagerDuty.enqueueUrl(), trigger("incident-43").json());
        http.post(pagerDuty.changeEnqueueUrl(), change("Deploy").json());

        assertThat(pagerDuty.maxRequestsInAnyWindow(Duration.ofMinutes(1))).isEqualTo(2);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }
}
