package io.mcpbridge.dr.notifier.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.dr.events.config.SecretUrls;
import io.mcpbridge.dr.events.json.EventJson;
import io.mcpbridge.dr.notifier.config.NotifierConfig;
import io.mcpbridge.dr.notifier.ledger.DeliveryLedger;
import io.mcpbridge.dr.notifier.routing.ChannelAction;
import io.mcpbridge.dr.notifier.template.NotificationView;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * Slack, by incoming webhook with Block Kit, or, given a bot token and a channel, by {@code chat.postMessage}:
 * then an incident's first message starts a thread, its updates reply in it, and its resolution replies and
 * is also shown in the channel. The thread is remembered in the delivery ledger, so it survives restarts.
 * The webhook URL and the token are secrets: they appear nowhere but in the request.
 */
@ApplicationScoped
public class SlackChannel implements DigestChannel {

    private static final Logger LOG = Logger.getLogger(SlackChannel.class);

    private final boolean enabled;
    private final Optional<URI> webhook;
    private final Optional<String> botToken;
    private final Optional<String> slackChannel;
    private final URI postMessage;
    private final HttpSender sender;
    private final DeliveryLedger ledger;

    public SlackChannel(NotifierConfig config, HttpClients clients, DeliveryLedger ledger) {
        NotifierConfig.Slack slack = config.slack();
        this.webhook = slack.webhookUrl().filter(u -> !u.isBlank()).map(SlackChannel::webhookUri);
        this.botToken = slack.botToken().filter(t -> !t.isBlank());
        this.slackChannel = slack.channel().filter(c -> !c.isBlank());
        this.postMessage = URI.create(slack.apiUrl().toString().replaceAll("/+$", "") + "/chat.postMessage");
        this.enabled = slack.enabled();
        if (enabled && webhook.isEmpty() && !botMode()) {
            throw new IllegalStateException("mcpdr.notifier.slack.enabled=true needs mcpdr.notifier.slack.webhook-url"
                    + " (or slack.bot-token and slack.channel)");
        }
        this.sender = new HttpSender(clients.client(), config.delivery().requestTimeout());
        this.ledger = ledger;
    }

    static URI webhookUri(String text) {
        try {
            return SecretUrls.parse(text, "mcpdr.notifier.slack.webhook-url");
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    private boolean botMode() {
        return botToken.isPresent() && slackChannel.isPresent();
    }

    @Override
    public CompletionStage<Outcome> deliver(NotificationView view, String plainText, ChannelAction action) {
        ObjectNode message = SlackMessage.message(view, plainText);
        if (botMode()) {
            return postInThread(view, message);
        }
        return webhook.<CompletionStage<Outcome>>map(url -> sender.postJson(url, message))
                .orElseGet(
                        () -> CompletableFuture.completedFuture(new Outcome.Permanent("no Slack webhook configured")));
    }

    /** One digest message for many low-severity notifications (never threaded: it belongs to no incident). */
    @Override
    public CompletionStage<Outcome> deliverDigest(String audience, List<NotificationView> views, Duration period) {
        return deliverDigest(views, period);
    }

    public CompletionStage<Outcome> deliverDigest(List<NotificationView> views, Duration interval) {
        ObjectNode message = SlackMessage.digest(views, interval);
        if (botMode()) {
            return postMessage(message).thenApply(Answer::outcome);
        }
        return webhook.<CompletionStage<Outcome>>map(url -> sender.postJson(url, message))
                .orElseGet(
                        () -> CompletableFuture.completedFuture(new Outcome.Permanent("no Slack webhook configured")));
    }

    private CompletionStage<Outcome> postInThread(NotificationView view, ObjectNode message) {
        String threadKey = "thread|slack|" + view.incidentId();
        Optional<String> thread = ledger.recall(threadKey);
        thread.ifPresent(ts -> {
            message.put("thread_ts", ts);
            if (view.resolution()) {
                message.put("reply_broadcast", true); // the channel sees the incident end, not only the thread
            }
        });
        return postMessage(message).thenApply(answer -> {
            if (answer.outcome() instanceof Outcome.Delivered && thread.isEmpty() && answer.ts() != null) {
                try {
                    ledger.remember(threadKey, answer.ts());
                } catch (IllegalStateException e) {
                    LOG.warnf("Slack thread of incident %s not remembered: %s", view.incidentId(), e.getMessage());
                }
            }
            return answer.outcome();
        });
    }

    /** What chat.postMessage said: its HTTP status says little (errors come as 200 with ok=false). */
    private record Answer(Outcome outcome, String ts) {}

    private CompletionStage<Answer> postMessage(ObjectNode message) {
        message.put("channel", slackChannel.orElseThrow());
        return sender.post(postMessage, message, Map.of("Authorization", "Bearer " + botToken.orElseThrow()))
                .handle((response, failure) ->
                        failure != null ? new Answer(HttpOutcomes.of(failure), null) : answer(response));
    }

    private static Answer answer(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return new Answer(HttpOutcomes.of(response), null);
        }
        JsonNode body;
        try {
            body = EventJson.mapper().readTree(response.body());
        } catch (IOException e) {
            return new Answer(new Outcome.RetryLater("chat.postMessage answered no JSON", Optional.empty()), null);
        }
        if (body.path("ok").asBoolean(false)) {
            return new Answer(new Outcome.Delivered(), body.path("ts").asText(null));
        }
        String error = body.path("error").asText("unknown_error");
        return "ratelimited".equals(error)
                ? new Answer(
                        new Outcome.RetryLater(
                                "chat.postMessage: ratelimited",
                                HttpOutcomes.retryAfter(response.headers().firstValue("Retry-After"))),
                        null)
                : new Answer(new Outcome.Permanent("chat.postMessage: " + error), null);
    }
}
