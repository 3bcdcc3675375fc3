package io.mcpbridge.dr.notifier.channel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.dr.notifier.config.NotifierConfig;
import io.mcpbridge.dr.notifier.routing.ChannelAction;
import io.mcpbridge.dr.notifier.template.NotificationView;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** PagerDuty Events API v2. The routing key is a secret: it appears nowhere but in the request body. */
@ApplicationScoped
public class PagerDutyChannel implements Channel {

    private final boolean enabled;
    private final Optional<String> routingKey;
    private final URI enqueue;
    private final URI changeEnqueue;
    private final HttpSender sender;

    public PagerDutyChannel(NotifierConfig config, HttpClients clients) {
        this.routingKey = config.pagerduty().routingKey().filter(k -> !k.isBlank());
        this.enabled = config.pagerduty().enabled();
        if (enabled && routingKey.isEmpty()) {
            throw new IllegalStateException(
                    "mcpdr.notifier.pagerduty.enabled=true needs mcpdr.notifier.pagerduty.routing-key");
        }
        // Appended, not resolved: a base URL with a path prefix (a proxy) keeps it.
        String base = config.pagerduty().baseUrl().toString().replaceAll("/+$", "");
        this.enqueue = URI.create(base + "/v2/enqueue");
        this.changeEnqueue = URI.create(base + "/v2/change/enqueue");
        this.sender = new HttpSender(clients.client(), config.delivery().requestTimeout());
    }

    @Override
    public String name() {
        return "pagerduty";
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public CompletionStage<Outcome> deliver(NotificationView view, String plainText, ChannelAction action) {
        if (routingKey.isEmpty()) {
            return CompletableFuture.completedFuture(new Outcome.Permanent("no PagerDuty routing key configured"));
        }
        String key = routingKey.get();
        return switch (action) {
            case PAGERDUTY_TRIGGER -> post(enqueue, PagerDutyEvents.trigger(key, view));
            case PAGERDUTY_RESOLVE -> post(enqueue, PagerDutyEvents.resolve(key, view));
            case PAGERDUTY_CHANGE -> post(changeEnqueue, PagerDutyEvents.change(key, view));
            default -> CompletableFuture.completedFuture(new Outcome.Permanent("PagerDuty cannot " + action));
        };
    }

    private CompletionStage<Outcome> post(URI url, ObjectNode body) {
        return sender.postJson(url, body);
    }
}
