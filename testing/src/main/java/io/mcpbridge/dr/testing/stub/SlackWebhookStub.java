package io.mcpbridge.dr.testing.stub;

import static io.mcpbridge.dr.testing.stub.JsonText.isNonBlank;
import static io.mcpbridge.dr.testing.stub.JsonText.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Slack for tests, since Slack has no emulator: an incoming webhook ({@code POST /services/...}) and the
 * Web API's {@code chat.postMessage} with a bot token, the only way to learn a message's {@code ts} and so
 * to reply in its thread. Every message is checked against specs/slack-webhook.md and the Block Kit limits
 * and answered as Slack does: the webhook with a plain-text code, the Web API with HTTP 200 and
 * {@code "ok": false} plus an error code.
 */
public final class SlackWebhookStub extends StubServer {

    /** Path of {@link #webhookUrl()}; any path under {@code /services/} is served as a webhook. */
    public static final String WEBHOOK_PATH = "/services/T000/B000/XXXX";

    public static final String POST_MESSAGE_PATH = "/api/chat.postMessage";
    /** The channel id chat.postMessage answers with, whatever channel was asked for. */
    public static final String CHANNEL_ID = "C123";

    private static final String WEBHOOK_PREFIX = "/services/";
    private static final Pattern BOT_TOKEN = Pattern.compile("Bearer xoxb-\\S+");
    // Fake message timestamps: 1700000000.000100, 1700000000.000200, ... (seconds.microseconds, as Slack).
    private static final long FIRST_TS_MICROS = 1_700_000_000_000_000L;
    private static final long TS_STEP_MICROS = 100;

    private final AtomicLong postedCount = new AtomicLong();
    private final List<PostedMessage> posted = new CopyOnWriteArrayList<>();

    /**
     * A message chat.postMessage accepted.
     *
     * @param ts       the timestamp the stub gave it (Slack's message id, needed to reply in its thread)
     * @param channel  the channel the sender asked for
     * @param threadTs the {@code thread_ts} sent, when the message is a reply in a thread
     */
    public record PostedMessage(String ts, String channel, Optional<String> threadTs, String text, JsonNode json) {}

    private SlackWebhookStub() {
        super("slack-stub");
        serve(
                path -> path.startsWith(WEBHOOK_PREFIX) && path.length() > WEBHOOK_PREFIX.length(),
                SlackWebhookStub::messageViolations,
                SlackWebhookStub::webhookAnswer);
        serve(POST_MESSAGE_PATH::equals, SlackWebhookStub::postMessageViolations, this::postMessageAnswer);
    }

    /** Starts a stub on a free loopback port; close it when done. */
    public static SlackWebhookStub start() {
        SlackWebhookStub stub = new SlackWebhookStub();
        stub.startServing();
        return stub;
    }

    /** The incoming-webhook URL to configure in the sender. */
    public String webhookUrl() {
        return baseUrl() + WEBHOOK_PATH;
    }

    /** The chat.postMessage URL, for a sender whose Slack API base URL is {@link #baseUrl()} + {@code /api}. */
    public String postMessageUrl() {
        return baseUrl() + POST_MESSAGE_PATH;
    }

    /** Bodies of the accepted webhook messages, in arrival order. */
    public List<JsonNode> webhookMessages() {
        return accepted().stream()
                .filter(request -> request.path().startsWith(WEBHOOK_PREFIX))
                .map(RecordedRequest::json)
                .toList();
    }

    /** Messages accepted through chat.postMessage, in the order they were given their ts. */
    public List<PostedMessage> postedMessages() {
        return List.copyOf(posted);
    }

    /** Messages posted in the thread of the message with this ts. */
    public List<PostedMessage> repliesTo(String ts) {
        return posted.stream()
                .filter(message -> message.threadTs().filter(ts::equals).isPresent())
                .toList();
    }

    /** Also forgets the posted messages; timestamps keep increasing so they stay unique. */
    @Override
    public void clear() {
        super.clear();
        posted.clear();
    }

    @Override
    protected StubAnswer rateLimited(Incoming request, int retryAfterSeconds) {
        StubAnswer answer = isWebApi(request)
                ? StubAnswer.json(429, "{\"ok\":false,\"error\":\"ratelimited\"}")
                : StubAnswer.text(429, "rate_limited");
        return answer.withHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }

    private static List<String> messageViolations(Incoming request) {
        if (!request.isJson()) {
            return List.of("body is not JSON");
        }
        if (!request.json().isObject()) {
            return List.of("body is not a JSON object");
        }
        List<String> violations = new ArrayList<>(SlackMessageRules.textViolations(request.json()));
        violations.addAll(SlackMessageRules.blockViolations(request.json()));
        return violations;
    }

    private static StubAnswer webhookAnswer(Incoming request, List<String> violations) {
        return violations.isEmpty() ? StubAnswer.text(200, "ok") : StubAnswer.text(400, messageErrorCode(request));
    }

    /** Slack's code for an invalid message body. */
    private static String messageErrorCode(Incoming request) {
        if (!request.json().isObject()) {
            return "invalid_payload";
        }
        return SlackMessageRules.blockViolations(request.json()).isEmpty() ? "no_text" : "invalid_blocks";
    }

    private static List<String> postMessageViolations(Incoming request) {
        List<String> violations = new ArrayList<>();
        authErrorCode(request)
                .ifPresent(code -> violations.add(
                        code.equals("not_authed")
                                ? "no Authorization header: chat.postMessage needs Bearer xoxb-..."
                                : "Authorization is not a bot token (Bearer xoxb-...)"));
        if (request.json().isObject() && !isNonBlank(request.json().path("channel"))) {
            violations.add("channel is missing");
        }
        violations.addAll(messageViolations(request));
        return violations;
    }

    private StubAnswer postMessageAnswer(Incoming request, List<String> violations) {
        if (!violations.isEmpty()) {
            return webApiError(postMessageErrorCode(request));
        }
        JsonNode json = request.json();
        String ts = nextTs();
        posted.add(new PostedMessage(
                ts,
                string(json.path("channel")),
                Optional.ofNullable(string(json.path("thread_ts"))),
                string(json.path("text")),
                json));
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("ok", true);
        body.put("channel", CHANNEL_ID);
        body.put("ts", ts);
        return StubAnswer.json(200, body.toString());
    }

    /** Slack's code for a refused chat.postMessage: the first problem it stops at. */
    private static String postMessageErrorCode(Incoming request) {
        Optional<String> auth = authErrorCode(request);
        if (auth.isPresent()) {
            return auth.get();
        }
        if (!request.json().isObject()) {
            return "invalid_json";
        }
        if (!isNonBlank(request.json().path("channel"))) {
            return "channel_not_found";
        }
        return messageErrorCode(request);
    }

    private static Optional<String> authErrorCode(Incoming request) {
        Optional<String> authorization = request.header("Authorization");
        if (authorization.isEmpty()) {
            return Optional.of("not_authed");
        }
        return BOT_TOKEN.matcher(authorization.get()).matches() ? Optional.empty() : Optional.of("invalid_auth");
    }

    private static StubAnswer webApiError(String code) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("ok", false);
        body.put("error", code);
        return StubAnswer.json(200, body.toString());
    }

    private static boolean isWebApi(Incoming request) {
        return request.path().startsWith("/api/");
    }

    private String nextTs() {
        long micros = FIRST_TS_MICROS + TS_STEP_MICROS * postedCount.incrementAndGet();
        return String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }
}
