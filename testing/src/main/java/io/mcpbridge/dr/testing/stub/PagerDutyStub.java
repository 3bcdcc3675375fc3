package io.mcpbridge.dr.testing.stub;

import static io.mcpbridge.dr.testing.stub.JsonText.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;

/**
 * The PagerDuty Events API v2 for tests, since PagerDuty has no emulator: alert events on
 * {@code POST /v2/enqueue} and change events on {@code POST /v2/change/enqueue}. Every event is checked
 * against specs/pagerduty-events-v2.md and answered as PagerDuty does: 202 when processed, 400 with the
 * list of errors when invalid. Point the sender's PagerDuty base URL at {@link #baseUrl()}.
 */
public final class PagerDutyStub extends StubServer {

    public static final String ENQUEUE_PATH = "/v2/enqueue";
    public static final String CHANGE_ENQUEUE_PATH = "/v2/change/enqueue";

    private PagerDutyStub() {
        super("pagerduty-stub");
        serve(
                ENQUEUE_PATH::equals,
                request -> PagerDutyEventRules.alertViolations(request.bodyBytes(), request.json()),
                PagerDutyStub::alertAnswer);
        serve(
                CHANGE_ENQUEUE_PATH::equals,
                request -> PagerDutyEventRules.changeViolations(request.bodyBytes(), request.json()),
                PagerDutyStub::changeAnswer);
    }

    /** Starts a stub on a free loopback port; close it when done. */
    public static PagerDutyStub start() {
        PagerDutyStub stub = new PagerDutyStub();
        stub.startServing();
        return stub;
    }

    public String enqueueUrl() {
        return baseUrl() + ENQUEUE_PATH;
    }

    public String changeEnqueueUrl() {
        return baseUrl() + CHANGE_ENQUEUE_PATH;
    }

    /** Accepted alert events (trigger, acknowledge, resolve), in arrival order. */
    public List<JsonNode> events() {
        return acceptedBodies(ENQUEUE_PATH);
    }

    /** Accepted alert events that carried this {@code dedup_key}: one incident's trigger, acknowledge, resolve. */
    public List<JsonNode> eventsFor(String dedupKey) {
        return events().stream()
                .filter(event -> dedupKey.equals(string(event.path("dedup_key"))))
                .toList();
    }

    /** Accepted change events, in arrival order. */
    public List<JsonNode> changeEvents() {
        return acceptedBodies(CHANGE_ENQUEUE_PATH);
    }

    /** PagerDuty's throttling answer; the real service may leave {@code Retry-After} out, the stub sends it. */
    @Override
    protected StubAnswer rateLimited(Incoming request, int retryAfterSeconds) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", "throttle event");
        body.put("message", "Requests for this service are arriving too quickly. Please retry later.");
        return StubAnswer.json(429, body.toString()).withHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }

    private List<JsonNode> acceptedBodies(String path) {
        return accepted().stream()
                .filter(request -> request.path().equals(path))
                .map(RecordedRequest::json)
                .toList();
    }

    private static StubAnswer alertAnswer(Incoming request, List<String> violations) {
        if (!violations.isEmpty()) {
            return invalidEvent(violations);
        }
        String dedupKey = string(request.json().path("dedup_key"));
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", "success");
        body.put("message", "Event processed");
        // PagerDuty makes up a key when the trigger has none; the sender needs it to resolve later.
        body.put(
                "dedup_key",
                dedupKey != null ? dedupKey : UUID.randomUUID().toString().replace("-", ""));
        return StubAnswer.json(202, body.toString());
    }

    private static StubAnswer changeAnswer(Incoming request, List<String> violations) {
        if (!violations.isEmpty()) {
            return invalidEvent(violations);
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", "success");
        body.put("message", "Change event processed");
        return StubAnswer.json(202, body.toString());
    }

    private static StubAnswer invalidEvent(List<String> violations) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", "invalid event");
        body.put("message", "Event object is invalid");
        ArrayNode errors = body.putArray("errors");
        for (String violation : violations) {
            errors.add(violation);
        }
        return StubAnswer.json(400, body.toString());
    }
}
