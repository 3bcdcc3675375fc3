package io.mcpbridge.dr.testing.stub;

import static io.mcpbridge.dr.testing.stub.SlackMessages.actions;
import static io.mcpbridge.dr.testing.stub.SlackMessages.blockOfType;
import static io.mcpbridge.dr.testing.stub.SlackMessages.button;
import static io.mcpbridge.dr.testing.stub.SlackMessages.chars;
import static io.mcpbridge.dr.testing.stub.SlackMessages.context;
import static io.mcpbridge.dr.testing.stub.SlackMessages.divider;
import static io.mcpbridge.dr.testing.stub.SlackMessages.fieldsSection;
import static io.mcpbridge.dr.testing.stub.SlackMessages.header;
import static io.mcpbridge.dr.testing.stub.SlackMessages.message;
import static io.mcpbridge.dr.testing.stub.SlackMessages.mrkdwnHeader;
import static io.mcpbridge.dr.testing.stub.SlackMessages.section;
import static io.mcpbridge.dr.testing.stub.SlackMessages.withBlockId;
import static io.mcpbridge.dr.testing.stub.SlackMessages.withoutText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpbridge.dr.testing.stub.SlackWebhookStub.PostedMessage;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SlackWebhookStubTest {

    private static final String BOT_TOKEN = "Bearer xoxb-1-test";
    private static final String VALID =
            message("Gateway down").block(section("*Gateway* is down")).json();

    private final StubHttp http = new StubHttp();
    private final ObjectMapper json = new ObjectMapper();
    private SlackWebhookStub slack;

    @BeforeEach
    void start() {
        slack = SlackWebhookStub.start();
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void acceptsAValidWebhookMessageWithPlainTextOk() throws Exception {
        HttpResponse<String> response = http.post(slack.webhookUrl(), VALID);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        RecordedRequest request = slack.requests().get(0);
        assertThat(request.violations()).isEmpty();
        assertThat(request.header("content-type")).contains("application/json");
        assertThat(slack.webhookMessages())
                .singleElement()
                .satisfies(message -> assertThat(message.path("text").asText()).isEqualTo("Gateway down"));
    }

    @Test
    void acceptsAMessageAtEveryBlockKitLimitAndBlockTypesItDoesNotKnow() throws Exception {
        String atLimits = message("fallback")
                .block(header(chars(150)))
                .block(withBlockId(section(chars(3000)), chars(255)))
                .block(fieldsSection(10, 2000))
                .block(context(10))
                .block(actions(25))
                .block(actions(button(chars(75), "https://example.com/" + chars(2980))))
                .block(blockOfType("a_block_type_from_the_future"))
                .blocks(43, SlackMessages::divider)
                .json();

        HttpResponse<String> response = http.post(slack.webhookUrl(), atLimits);

        assertThat(slack.requests().get(0).violations()).isEmpty();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(slack.accepted()).hasSize(1);
    }

    static Stream<Arguments> invalidMessages() {
        return Stream.of(
                Arguments.of("not JSON", "Gateway down", "invalid_payload", "body is not JSON"),
                Arguments.of("no text", withoutText().block(section("hi")).json(), "no_text", "text is missing"),
                Arguments.of("blank text", message("  ").json(), "no_text", "text is missing"),
                Arguments.of(
                        "51 blocks",
                        message("t").blocks(51, SlackMessages::divider).json(),
                        "invalid_blocks",
                        "51 blocks, at most 50"),
                Arguments.of(
                        "mrkdwn header",
                        message("t").block(mrkdwnHeader("Down")).json(),
                        "invalid_blocks",
                        "header text must be a plain_text object"),
                Arguments.of(
                        "long header",
                        message("t").block(header(chars(151))).json(),
                        "invalid_blocks",
                        "header text is 151 characters, at most 150"),
                Arguments.of(
                        "long section text",
                        message("t").block(section(chars(3001))).json(),
                        "invalid_blocks",
                        "section text is 3001 characters, at most 3000"),
                Arguments.of(
                        "11 fields",
                        message("t").block(fieldsSection(11, 10)).json(),
                        "invalid_blocks",
                        "section has 11 fields, at most 10"),
                Arguments.of(
                        "long field",
                        message("t").block(fieldsSection(1, 2001)).json(),
                        "invalid_blocks",
                        "fields[0] text is 2001 characters, at most 2000"),
                Arguments.of(
                        "long block_id",
                        message("t").block(withBlockId(divider(), chars(256))).json(),
                        "invalid_blocks",
                        "block_id is 256 characters, at most 255"),
                Arguments.of(
                        "11 context elements",
                        message("t").block(context(11)).json(),
                        "invalid_blocks",
                        "context has 11 elements, at most 10"),
                Arguments.of(
                        "26 actions",
                        message("t").block(actions(26)).json(),
                        "invalid_blocks",
                        "actions has 26 elements, at most 25"),
                Arguments.of(
                        "long button text",
                        message("t")
                                .block(actions(button(chars(76), "https://x.io")))
                                .json(),
                        "invalid_blocks",
                        "button text is 76 characters, at most 75"),
                Arguments.of(
                        "long button url",
                        message("t")
                                .block(actions(button("Open", "https://x.io/" + chars(2988))))
                                .json(),
                        "invalid_blocks",
                        "button url is 3001 characters, at most 3000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidMessages")
    void rejectsAMessageSlackWouldRejectAndRecordsWhy(String name, String body, String slackError, String violation)
            throws Exception {
        HttpResponse<String> response = http.post(slack.webhookUrl(), body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(slackError);
        assertThat(slack.requests())
                .singleElement()
                .satisfies(request -> assertThat(request.violations())
                        .anySatisfy(found -> assertThat(found).contains(violation)));
        assertThat(slack.accepted()).isEmpty();
        assertThat(slack.webhookMessages()).isEmpty();
    }

    @Test
    void answersScriptedRateLimitThenServerErrorInOrderThenSucceeds() throws Exception {
        slack.rateLimitNext(7);
        slack.failNext(500, "rollup_error");

        HttpResponse<String> limited = http.post(slack.webhookUrl(), VALID);
        HttpResponse<String> failed = http.post(slack.webhookUrl(), VALID);
        HttpResponse<String> delivered = http.post(slack.webhookUrl(), VALID);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("7");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).isEqualTo("rollup_error");
        assertThat(delivered.statusCode()).isEqualTo(200);
        assertThat(delivered.body()).isEqualTo("ok");
        assertThat(slack.requests()).extracting(RecordedRequest::status).containsExactly(429, 500, 200);
        assertThat(slack.accepted()).hasSize(1);
        assertThat(slack.scriptedAnswersLeft()).isZero();
    }

    @Test
    void aScriptedAnswerWinsOverValidationButTheViolationIsStillRecorded() throws Exception {
        slack.answerNext(200, Map.of("X-Note", "scripted"), "ok");

        HttpResponse<String> response =
                http.post(slack.webhookUrl(), withoutText().json());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Note")).contains("scripted");
        assertThat(slack.requests().get(0).violations()).isNotEmpty();
        assertThat(slack.accepted()).isEmpty();
    }

    @Test
    void aDelayedAnswerTimesTheSenderOutWithoutHoldingUpOtherRequests() throws Exception {
        slack.delayNext(Duration.ofSeconds(5));
        HttpRequest slow = http.request(slack.webhookUrl(), VALID, Duration.ofMillis(300));

        assertThatThrownBy(() -> http.send(slow)).isInstanceOf(HttpTimeoutException.class);
        HttpResponse<String> next = http.send(http.request(slack.webhookUrl(), VALID, Duration.ofSeconds(2)));

        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(slack.awaitRequests(2, Duration.ofSeconds(5)))
                .extracting(request -> request.answer().delay())
                .containsExactly(Duration.ofSeconds(5), Duration.ZERO);
        // Slack would have posted the message the sender gave up on: resending it duplicates it.
        assertThat(slack.accepted()).hasSize(2);
    }

    @Test
    void botModeGivesIncreasingTimestampsAndRecordsTheThreadOfAReply() throws Exception {
        HttpResponse<String> first = http.post(
                slack.postMessageUrl(),
                message("Incident opened").set("channel", "#alerts").json(),
                "Authorization",
                BOT_TOKEN);
        JsonNode firstBody = json.readTree(first.body());
        String ts = firstBody.path("ts").asText();

        HttpResponse<String> reply = http.post(
                slack.postMessageUrl(),
                message("Gateway restarted")
                        .set("channel", "#alerts")
                        .set("thread_ts", ts)
                        .json(),
                "Authorization",
                BOT_TOKEN);
        JsonNode replyBody = json.readTree(reply.body());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(firstBody.path("ok").asBoolean()).isTrue();
        assertThat(firstBody.path("channel").asText()).isEqualTo(SlackWebhookStub.CHANNEL_ID);
        assertThat(ts).isEqualTo("1700000000.000100");
        assertThat(replyBody.path("ok").asBoolean()).isTrue();
        assertThat(new BigDecimal(replyBody.path("ts").asText())).isGreaterThan(new BigDecimal(ts));
        assertThat(slack.postedMessages())
                .extracting(PostedMessage::threadTs)
                .containsExactly(Optional.empty(), Optional.of(ts));
        assertThat(slack.repliesTo(ts)).extracting(PostedMessage::text).containsExactly("Gateway restarted");
    }

    @Test
    void botModeRefusesAMissingOrNonBotTokenWithOkFalse() throws Exception {
        String body = message("Incident opened").set("channel", "#alerts").json();

        HttpResponse<String> anonymous = http.post(slack.postMessageUrl(), body);
        HttpResponse<String> userToken = http.post(slack.postMessageUrl(), body, "Authorization", "Bearer xoxp-1-user");

        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(json.readTree(anonymous.body()).path("ok").asBoolean()).isFalse();
        assertThat(json.readTree(anonymous.body()).path("error").asText()).isEqualTo("not_authed");
        assertThat(json.readTree(userToken.body()).path("error").asText()).isEqualTo("invalid_auth");
        assertThat(slack.requests())
                .hasSize(2)
                .allSatisfy(request -> assertThat(request.violations())
                        .anySatisfy(found -> assertThat(found).contains("Authorization")));
        assertThat(slack.accepted()).isEmpty();
        assertThat(slack.postedMessages()).isEmpty();
    }

    @Test
    void botModeRateLimitAnswersInTheWebApiForm() throws Exception {
        slack.rateLimitNext(3);

        HttpResponse<String> response = http.post(
                slack.postMessageUrl(),
                message("Incident opened").set("channel", "#alerts").json(),
                "Authorization",
                BOT_TOKEN);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).contains("3");
        assertThat(json.readTree(response.body()).path("error").asText()).isEqualTo("ratelimited");
        assertThat(slack.postedMessages()).isEmpty();
    }

    @Test
    void maxRequestsInAnyWindowCountsOnlyAcceptedRequests() throws Exception {
        http.post(slack.webhookUrl(), VALID);
        http.post(slack.webhookUrl(), VALID);
        http.post(slack.webhookUrl(), withoutText().json());
        slack.rateLimitNext(1);
        http.post(slack.webhookUrl(), VALID);
        http.post(slack.webhookUrl(), VALID);

        assertThat(slack.requests()).hasSize(5);
        assertThat(slack.maxRequestsInAnyWindow(Duration.ofMinutes(1))).isEqualTo(3);
    }

    @Test
    void awaitRequestsWaitsForARequestSentInTheBackgroundAndGivesUpWhenNoneComes() {
        http.sendAsync(http.request(slack.webhookUrl(), VALID, Duration.ofSeconds(5)));

        assertThat(slack.awaitRequests(1, Duration.ofSeconds(5))).hasSize(1);
        assertThatThrownBy(() -> slack.awaitRequests(2, Duration.ofMillis(200)))
                .isInstanceOf(ConditionTimeoutException.class);
    }

    @Test
    void recordsUnknownPathsAndMethodsOtherThanPostAsViolations() throws Exception {
        HttpResponse<String> unknown = http.post(slack.baseUrl() + "/hooks/elsewhere", VALID);
        HttpResponse<String> get = http.get(slack.webhookUrl());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(slack.requests())
                .extracting(request -> request.violations().get(0))
                .containsExactly(
                        "no endpoint at /hooks/elsewhere",
                        "GET " + SlackWebhookStub.WEBHOOK_PATH + ": only POST is served");
    }

    @Test
    void clearForgetsRequestsAndUnusedScripts() throws Exception {
        slack.failNext(500, "rollup_error");
        slack.failNext(500, "rollup_error");
        http.post(slack.webhookUrl(), VALID);

        slack.clear();

        assertThat(slack.requests()).isEmpty();
        assertThat(slack.scriptedAnswersLeft()).isZero();
        assertThat(http.post(slack.webhookUrl(), VALID).statusCode()).isEqualTo(200);
    }
}
