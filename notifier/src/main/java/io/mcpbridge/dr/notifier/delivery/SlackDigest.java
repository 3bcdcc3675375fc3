package io.mcpbridge.dr.notifier.delivery;

import io.mcpbridge.dr.events.json.EventJson;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.notifier.channel.SlackChannel;
import io.mcpbridge.dr.notifier.ledger.DeliveryLedger;
import io.mcpbridge.dr.notifier.ownership.NotifyOwnership;
import io.mcpbridge.dr.notifier.plan.CommunicationPlan;
import io.mcpbridge.dr.notifier.template.NotificationView;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * The internal audience's digest on Slack (the plan's "Daily" for Low): what waits for it is kept in the delivery
 * ledger ({@code digest-item|internal|<notification id>}, a {@link DigestItem} as JSON), so the record that
 * brought it is acknowledged at once and every replica's items join one digest, which only the replica owning
 * {@code digest:internal} sends. A digest goes out when its oldest item has waited one interval: at most one per
 * interval, and no item waits longer, whatever the restarts. Items are dropped once the ledger says their digest
 * was delivered.
 */
final class SlackDigest implements AutoCloseable {

    /** The ownership key of the internal digest, as the other audiences' digests are owned. */
    static final String OWNER_KEY = NotifyOwnership.digestKey(CommunicationPlan.INTERNAL);

    private static final String PREFIX = "digest-item|internal|";
    private static final Logger LOG = Logger.getLogger(SlackDigest.class);
    private static final Duration MAX_CHECK = Duration.ofMinutes(1);

    private final ChannelWorker slackWorker;
    private final SlackChannel slack;
    private final DeliveryLedger ledger;
    private final Duration interval;
    private final Predicate<String> owns;
    private final Clock clock;
    /** Whether a digest is on its way; timer thread only. */
    private boolean sending;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "slack-digest");
        thread.setDaemon(true);
        return thread;
    });

    SlackDigest(
            ChannelWorker slackWorker,
            SlackChannel slack,
            DeliveryLedger ledger,
            Duration interval,
            Predicate<String> owns,
            Clock clock) {
        this.slackWorker = slackWorker;
        this.slack = slack;
        this.ledger = ledger;
        this.interval = interval;
        this.owns = owns;
        this.clock = clock;
    }

    void start() {
        long check = Math.min(interval.toMillis(), MAX_CHECK.toMillis());
        timer.scheduleWithFixedDelay(this::sendIfDue, check, check, TimeUnit.MILLISECONDS);
    }

    /**
     * Keeps the notification for the next digest; the future completes once it is kept (its record may then be
     * acknowledged), or with the failure when the ledger did not take it (the record then goes to the dead letter
     * topic rather than be lost).
     */
    CompletableFuture<DeliveryResult> add(NotificationView view) {
        NotificationRequest request = view.request();
        String channel = slackWorker.channelName();
        try {
            return CompletableFuture.supplyAsync(
                            () -> {
                                if (!ledger.delivered(request.id(), channel)) {
                                    Instant since =
                                            request.requestedAt() == null ? clock.instant() : request.requestedAt();
                                    ledger.remember(
                                            PREFIX + request.id(),
                                            new String(
                                                    EventJson.toBytes(new DigestItem(since, request)),
                                                    StandardCharsets.UTF_8));
                                }
                                return DeliveryResult.delivered(channel);
                            },
                            timer)
                    .exceptionally(e -> DeliveryResult.failed(
                            channel,
                            "not kept for the Slack digest: " + e.getCause().getMessage()));
        } catch (RejectedExecutionException stopping) {
            return new CompletableFuture<>(); // never completed: Kafka hands it to whoever runs next
        }
    }

    private void sendIfDue() {
        try {
            if (sending || !owns.test(OWNER_KEY) || !ledger.awaitLoaded(Duration.ZERO)) {
                return;
            }
            List<DigestItem> waiting = waiting();
            if (waiting.isEmpty()
                    || clock.instant().isBefore(waiting.get(0).since().plus(interval))) {
                return;
            }
            send(waiting);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warnf("Slack digest not sent this time: %s", e.toString());
        }
    }

    /** The items not yet delivered; those a digest carried are dropped from the ledger here. */
    /** Oldest first. */
    private List<DigestItem> waiting() {
        List<DigestItem> waiting = new ArrayList<>();
        for (Map.Entry<String, String> entry : ledger.entries(PREFIX).entrySet()) {
            DigestItem item;
            try {
                item = EventJson.fromBytes(entry.getValue().getBytes(StandardCharsets.UTF_8), DigestItem.class);
            } catch (RuntimeException e) {
                LOG.warnf(
                        "an unreadable Slack digest item was dropped: %s",
                        e.getClass().getSimpleName());
                ledger.forget(entry.getKey());
                continue;
            }
            if (ledger.delivered(item.request().id(), slackWorker.channelName())) {
                ledger.forget(entry.getKey());
            } else {
                waiting.add(item);
            }
        }
        waiting.sort(Comparator.comparing(DigestItem::since));
        return waiting;
    }

    private void send(List<DigestItem> waiting) {
        List<NotificationView> views = waiting.stream()
                .map(item -> new NotificationView(item.request()))
                .toList();
        List<String> ids = waiting.stream().map(item -> item.request().id()).toList();
        Instant oldest = waiting.get(0).since();
        LOG.infof("sending a Slack digest of %d low-severity notifications", views.size());
        sending = true;
        slackWorker
                .submit(
                        ids,
                        slackWorker.channelName(),
                        oldest,
                        channel -> slack.deliverDigest(views, interval),
                        false,
                        OWNER_KEY)
                .whenComplete((result, failure) -> {
                    try {
                        timer.execute(() -> {
                            sending = false;
                            if (failure == null && result.ok()) {
                                ids.forEach(id -> forgetQuietly(PREFIX + id));
                            } else {
                                LOG.warnf(
                                        "Slack digest not delivered, tried again later: %s",
                                        failure != null ? failure.toString() : result.failure());
                            }
                        });
                    } catch (RejectedExecutionException stopping) {
                        // Stopping: the items stay, and the ledger keeps them out of the next instance's digest.
                    }
                });
    }

    private void forgetQuietly(String key) {
        try {
            ledger.forget(key);
        } catch (IllegalStateException e) {
            LOG.warnf("a sent Slack digest item stays in the ledger until the next check: %s", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
