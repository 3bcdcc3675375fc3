package io.mcpbridge.dr.notifier.channel;

import io.mcpbridge.dr.notifier.routing.ChannelAction;
import io.mcpbridge.dr.notifier.template.NotificationView;
import java.util.concurrent.CompletionStage;

/** A way to reach people. Implementations never throw: every failure is an {@link Outcome}. */
public interface Channel {

    /** The channel name: metric tag and ledger key part ({@code slack}, {@code pagerduty}, {@code console}). */
    String name();

    /** Whether it is configured and switched on. */
    boolean enabled();

    /**
     * Whether, switched on, it reaches this audience of the communication plan: an email list needs recipients for
     * it; the other channels reach whoever they are given to.
     */
    default boolean reaches(String audience) {
        return true;
    }

    /** One attempt to deliver one action of one notification. */
    CompletionStage<Outcome> deliver(NotificationView view, String plainText, ChannelAction action);
}
