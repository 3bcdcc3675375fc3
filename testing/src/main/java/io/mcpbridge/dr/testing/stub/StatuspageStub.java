package io.mcpbridge.dr.testing.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Atlassian Statuspage REST API v1 for tests, since it has no emulator: creating, updating and listing a
 * page's incidents, each request checked against specs/statuspage.md and answered as the API does. It keeps the
 * page's incidents and their public updates, answers {@code 401} without {@code Authorization: OAuth <key>},
 * and over one request a second (counted over a rolling 60 s) answers 429, or 420 when told to.
 */
public final class StatuspageStub extends StubServer {

    public static final String PAGE_ID = "pg0mcpbridge";
    public static final String API_KEY = "0123456789abcdef0123456789abcdef";

    static final Set<String> INCIDENT_STATUSES = Set.of("investigating", "identified", "monitoring", "resolved");
    static final Set<String> IMPACTS = Set.of("none", "minor", "major", "critical");
    static final Set<String> COMPONENT_STATUSES =
            Set.of("operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAGE = "/v1/pages/" + PAGE_ID;
    private static final Pattern ONE_INCIDENT = Pattern.compile("/v1/pages/" + PAGE_ID + "/incidents/([a-z0-9]+)");
    private static final Duration WINDOW = Duration.ofSeconds(60);
    private static final int PER_WINDOW = 60;

    /** One public update: the status and text the public saw. */
    public record Update(String status, String body, Map<String, String> components) {}

    /** A page incident as the public sees it. */
    public record Incident(String id, String name, String impact, boolean notified, List<Update> updates) {

        public String status() {
            return updates.get(updates.size() - 1).status();
        }
    }

    private final Map<String, Incident> incidents = new ConcurrentHashMap<>();
    private final Map<String, String> componentStatus = new ConcurrentHashMap<>();
    private final List<Instant> counted = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile int overLimitStatus = 429;

    private StatuspageStub() {
        super("statuspage-stub");
        serve("POST", (PAGE + "/incidents")::equals, this::createViolations, this::createAnswer);
        serve("GET", (PAGE + "/incidents/unresolved")::equals, this::authViolations, this::unresolvedAnswer);
        serve("PATCH", path -> ONE_INCIDENT.matcher(path).matches(), this::updateViolations, this::updateAnswer);
    }

    public static StatuspageStub start() {
        StatuspageStub stub = new StatuspageStub();
        stub.startServing();
        return stub;
    }

    /** The API base URL to configure ({@code .../v1}). */
    public String apiUrl() {
        return baseUrl() + "/v1";
    }

    /** Answers requests over the rate limit with 420 instead of 429 (the API uses both). */
    public void answerOverLimitWith(int status) {
        this.overLimitStatus = status;
    }

    /** The page's incidents, in the order they were opened. */
    public List<Incident> incidents() {
        return incidents.values().stream()
                .sorted((a, b) -> Integer.compare(number(a.id()), number(b.id())))
                .toList();
    }

    /** A component's status on the page now ("operational" when never set). */
    public String componentStatus(String componentId) {
        return componentStatus.getOrDefault(componentId, "operational");
    }

    @Override
    protected StubAnswer rateLimited(Incoming request, int retryAfterSeconds) {
        return StubAnswer.json(overLimitStatus, "{\"error\":\"Rate limit exceeded\"}")
                .withHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }

    private List<String> authViolations(Incoming request) {
        String auth = request.header("Authorization").orElse("");
        return auth.equals("OAuth " + API_KEY) ? List.of() : List.of("Authorization must be OAuth <api key>");
    }

    private List<String> createViolations(Incoming request) {
        List<String> violations = new ArrayList<>(authViolations(request));
        JsonNode incident = wrapped(request, violations);
        if (incident == null) {
            return violations;
        }
        if (!incident.path("name").isTextual() || incident.path("name").asText().isBlank()) {
            violations.add("incident.name is required");
        }
        checkCommon(incident, violations);
        if (incident.has("impact_override")
                && !IMPACTS.contains(incident.path("impact_override").asText())) {
            violations.add("incident.impact_override must be one of " + IMPACTS);
        }
        if (incident.has("deliver_notifications")
                && !incident.path("deliver_notifications").isBoolean()) {
            violations.add("incident.deliver_notifications must be a boolean");
        }
        if (incident.has("component_ids")) {
            if (!incident.path("component_ids").isArray()) {
                violations.add("incident.component_ids must be an array");
            } else {
                incident.path("component_ids").forEach(id -> {
                    if (!id.isTextual()) {
                        violations.add("incident.component_ids holds ids as strings");
                    }
                });
            }
        }
        return violations;
    }

    private List<String> updateViolations(Incoming request) {
        List<String> violations = new ArrayList<>(authViolations(request));
        JsonNode incident = wrapped(request, violations);
        if (incident != null) {
            checkCommon(incident, violations);
        }
        return violations;
    }

    private static JsonNode wrapped(Incoming request, List<String> violations) {
        if (!request.header("Content-Type").orElse("").startsWith("application/json")) {
            violations.add("Content-Type must be application/json");
        }
        JsonNode json = request.json();
        if (!json.isObject() || !json.path("incident").isObject() || json.size() != 1) {
            violations.add("the body must be {\"incident\": {...}}");
            return null;
        }
        return json.path("incident");
    }

    private static void checkCommon(JsonNode incident, List<String> violations) {
        if (incident.has("status")
                && !INCIDENT_STATUSES.contains(incident.path("status").asText())) {
            violations.add("incident.status must be one of " + INCIDENT_STATUSES);
        }
        if (incident.has("body") && !incident.path("body").isTextual()) {
            violations.add("incident.body must be text");
        }
        if (incident.has("components")) {
            Iterator<Map.Entry<String, JsonNode>> fields =
                    incident.path("components").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!COMPONENT_STATUSES.contains(field.getValue().asText())) {
                    violations.add("components." + field.getKey() + " must be one of " + COMPONENT_STATUSES);
                }
            }
        }
    }

    private StubAnswer createAnswer(Incoming request, List<String> violations) {
        StubAnswer refused = refusal(request, violations);
        if (refused != null) {
            return refused;
        }
        JsonNode body = request.json().path("incident");
        String id = "inc" + ids.incrementAndGet();
        Incident incident = new Incident(
                id,
                body.path("name").asText(),
                body.path("impact_override").asText("none"),
                body.path("deliver_notifications").asBoolean(true),
                List.of(update(body, "investigating")));
        incidents.put(id, incident);
        return StubAnswer.json(201, view(incident).toString());
    }

    private StubAnswer updateAnswer(Incoming request, List<String> violations) {
        StubAnswer refused = refusal(request, violations);
        if (refused != null) {
            return refused;
        }
        Matcher matcher = ONE_INCIDENT.matcher(request.path());
        matcher.matches();
        Incident known = incidents.get(matcher.group(1));
        if (known == null) {
            return StubAnswer.json(404, "{\"error\":\"Incident not found\"}");
        }
        JsonNode body = request.json().path("incident");
        List<Update> updates = new ArrayList<>(known.updates());
        updates.add(update(body, known.status()));
        Incident changed =
                new Incident(known.id(), known.name(), known.impact(), known.notified(), List.copyOf(updates));
        incidents.put(changed.id(), changed);
        return StubAnswer.json(200, view(changed).toString());
    }

    private StubAnswer unresolvedAnswer(Incoming request, List<String> violations) {
        StubAnswer refused = refusal(request, violations);
        if (refused != null) {
            return refused;
        }
        ArrayNode list = JSON.createArrayNode();
        incidents().stream().filter(i -> !i.status().equals("resolved")).forEach(i -> list.add(view(i)));
        return StubAnswer.json(200, list.toString());
    }

    /** 401 without the key, 429 (or 420) over the rate, 422 for an invalid body; null when it may be acted on. */
    private StubAnswer refusal(Incoming request, List<String> violations) {
        if (!authViolations(request).isEmpty()) {
            return StubAnswer.json(401, "{\"error\":\"Could not authenticate\"}");
        }
        Instant now = Instant.now();
        counted.removeIf(at -> at.isBefore(now.minus(WINDOW)));
        if (counted.size() >= PER_WINDOW) {
            return rateLimited(request, 1);
        }
        counted.add(now);
        if (!violations.isEmpty()) {
            return StubAnswer.json(422, "{\"error\":" + JSON.valueToTree(String.join("; ", violations)) + "}");
        }
        return null;
    }

    private Update update(JsonNode body, String previousStatus) {
        Map<String, String> components = new LinkedHashMap<>();
        body.path("components").fields().forEachRemaining(f -> {
            components.put(f.getKey(), f.getValue().asText());
            componentStatus.put(f.getKey(), f.getValue().asText());
        });
        return new Update(
                body.path("status").asText(previousStatus), body.path("body").asText(""), components);
    }

    private static ObjectNode view(Incident incident) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", incident.id());
        node.put("name", incident.name());
        node.put("status", incident.status());
        node.put("impact", incident.impact());
        ArrayNode updates = node.putArray("incident_updates");
        incident.updates()
                .forEach(u -> updates.addObject().put("status", u.status()).put("body", u.body()));
        return node;
    }

    private static int number(String id) {
        return Integer.parseInt(id.substring(3));
    }
}
