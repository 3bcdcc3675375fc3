package io.mcpbridge.dr.notifier.delivery;

import io.mcpbridge.dr.notifier.channel.SlackChannel;
import io.mcpbridge.dr.notifier.ledger.DeliveryLedger;
import io.mcpbridge.dr.notifier.template.NotificationView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Collects LOW-severity notifications and sends them to Slack together, at most one digest per interval (the
 * plan's "Daily" for low severity). Durable without a store of its own: each notification's record stays
 * unacknowledged until the digest that carries it was accepted, so after a restart Kafka hands the pending
 * ones back and they join the next digest; the ledger keeps those already sent out of it.
 */
final class SlackDigest implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SlackDigest.class);

    private record Entry(NotificationView view, Instant since, CompletableFuture<DeliveryResult> result) {}

    private final ChannelWorker slackWorker;
    private final SlackChannel slack;
    private final DeliveryLedger ledger;
    private final Duration interval;
    private final List<Entry> pending = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "slack-digest");
        thread.setDaemon(true);
        return thread;
    });

    SlackDigest(ChannelWorker slackWorker, SlackChannel slack, DeliveryLedger ledger, Duration interval) {
        this.slackWorker = slackWorker;
        this.slack = slack;
        this.ledger = ledger;
        this.interval = interval;
    }

    private static final Duration MAX_CHECK = Duration.ofMinutes(1);

    /**
     * A digest goes out when its oldest notification has waited one interval: at most one digest per
     * interval, and no notification waits longer, whatever the restarts (a redelivered notification keeps
     * its request time, so it is not pushed back by the restart).
     */
    void start() {
        long check = Math.min(interval.toMillis(), MAX_CHECK.toMillis());
        timer.scheduleWithFixedDelay(this::flushIfDue, check, check, TimeUnit.MILLISECONDS);
    }

    private void flushIfDue() {
        try {
            Instant oldest;
            synchronized (this) {
                oldest = pending.stream()
                        .map(Entry::since)
                        .min(Instant::compareTo)
                        .orElse(null);
            }
            if (oldest != null && !Instant.now().isBefore(oldest.plus(interval)) && ledger.awaitLoaded(Duration.ZERO)) {
                flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warnf("Slack digest not sent this time: %s", e.toString());
        }
    }

    /** Holds the notification for the next digest; the future completes when that digest was delivered. */
    synchronized CompletableFuture<DeliveryResult> add(NotificationView view) {
        CompletableFuture<DeliveryResult> result = new CompletableFuture<>();
        Instant requested = view.request().requestedAt();
        pending.add(new Entry(view, requested == null ? Instant.now() : requested, result));
        return result;
    }

    private void flush() {
        List<Entry> batch;
        synchronized (this) {
            batch = new ArrayList<>(pending);
            pending.clear();
        }
        List<Entry> toSend = new ArrayList<>();
        for (Entry entry : batch) {
            if (ledger.delivered(entry.view().request().id(), slackWorker.channelName())) {
                entry.result().complete(DeliveryResult.delivered(slackWorker.channelName()));
            } else {
                toSend.add(entry);
            }
        }
        if (toSend.isEmpty()) {
            return;
        }
        List<NotificationView> views = toSend.stream().map(Entry::view).toList();
        List<String> ids = views.stream().map(v -> v.request().id()).toList();
        Instant oldest = views.stream()
                .map(v -> v.request().requestedAt())
                .filter(t -> t != null)
                .min(Instant::compareTo)
                .orElse(null);
        LOG.infof("sending a Slack digest of %d low-severity notifications", views.size());
        slackWorker
                .submit(ids, oldest, channel -> slack.deliverDigest(views, interval))
                .whenComplete((result, failure) -> toSend.forEach(entry -> {
                    if (failure != null) {
                        entry.result().completeExceptionally(failure);
                    } else {
                        entry.result().complete(result);
                    }
                }));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
