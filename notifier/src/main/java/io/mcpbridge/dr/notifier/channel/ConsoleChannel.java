package io.mcpbridge.dr.notifier.channel;

import io.mcpbridge.dr.notifier.config.NotifierConfig;
import io.mcpbridge.dr.notifier.routing.ChannelAction;
import io.mcpbridge.dr.notifier.template.NotificationView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/** Prints the plan's text to the log, readable at a glance: the default for local runs. */
@ApplicationScoped
public class ConsoleChannel implements Channel {

    private static final Logger LOG = Logger.getLogger("mcpdr.notifications");
    private static final String RULE = "-".repeat(72);

    private final boolean enabled;

    public ConsoleChannel(NotifierConfig config) {
        this.enabled = config.console().enabled();
    }

    @Override
    public String name() {
        return "console";
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public CompletionStage<Outcome> deliver(NotificationView view, String plainText, ChannelAction action) {
        // Where every audience goes to the console (the local run), say whose message it is.
        String audience = view.facts().audience();
        LOG.infof("%n%s%n%s%s%n%s", RULE, audience == null ? "" : "To: " + audience + "\n", plainText, RULE);
        return CompletableFuture.completedFuture(new Outcome.Delivered());
    }
}
