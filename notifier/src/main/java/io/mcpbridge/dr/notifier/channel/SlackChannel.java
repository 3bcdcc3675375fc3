package io.mcpbridge.dr.notifier.channel;

import io.mcpbridge.dr.notifier.config.NotifierConfig;
import io.mcpbridge.dr.notifier.routing.ChannelAction;
import io.mcpbridge.dr.notifier.template.NotificationView;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Slack incoming webhook with Block Kit. The webhook URL is a secret: it appears nowhere but in the request. */
@ApplicationScoped
public class SlackChannel implements Channel {

    private final boolean enabled;
    private final Optional<URI> webhook;
    private final HttpSender sender;

    public SlackChannel(NotifierConfig config, HttpClients clients) {
        this.webhook = config.slack().webhookUrl();
        this.enabled = config.slack().enabled() && webhook.isPresent();
        this.sender = new HttpSender(clients.client(), config.delivery().requestTimeout());
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public CompletionStage<Outcome> deliver(NotificationView view, String plainText, ChannelAction action) {
        if (webhook.isEmpty()) {
            return CompletableFuture.completedFuture(new Outcome.Permanent("no Slack webhook configured"));
        }
        return sender.postJson(webhook.get(), BlockKit.message(view, plainText));
    }

    /** One digest message for many low-severity notifications. */
    public CompletionStage<Outcome> deliverDigest(List<NotificationView> views, Duration interval) {
        if (webhook.isEmpty()) {
            return CompletableFuture.completedFuture(new Outcome.Permanent("no Slack webhook configured"));
        }
        return sender.postJson(webhook.get(), BlockKit.digest(views, interval));
    }
}
