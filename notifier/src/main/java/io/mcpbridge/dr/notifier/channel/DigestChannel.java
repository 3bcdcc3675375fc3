package io.mcpbridge.dr.notifier.channel;

import io.mcpbridge.dr.notifier.template.NotificationView;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** A channel that can carry many notifications in one message: the plan's "Daily" and "Weekly" cells. */
public interface DigestChannel extends Channel {

    /**
     * One attempt at delivering a digest.
     *
     * @param audience whom it is for
     * @param views    what it carries, oldest first
     * @param period   how often such a digest goes out
     */
    CompletionStage<Outcome> deliverDigest(String audience, List<NotificationView> views, Duration period);
}
