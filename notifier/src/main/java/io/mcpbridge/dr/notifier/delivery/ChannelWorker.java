package io.mcpbridge.dr.notifier.delivery;

import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.notifier.channel.Channel;
import io.mcpbridge.dr.notifier.channel.DigestChannel;
import io.mcpbridge.dr.notifier.channel.Outcome;
import io.mcpbridge.dr.notifier.ledger.DeliveryLedger;
import io.mcpbridge.dr.notifier.metrics.NotifierMetrics;
import io.mcpbridge.dr.notifier.routing.ChannelAction;
import io.mcpbridge.dr.notifier.template.NotificationView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Delivers one channel's notifications on a thread of its own: a slow or dead channel holds up only its own
 * queue. A new incident's first message (its page) goes before what is queued, the rest in order. Sends keep
 * the provider's documented rate (queued, never dropped); 429, 5xx and network failures are retried with
 * backoff, honouring Retry-After; other 4xx end at once. Order within an incident matters (a PagerDuty resolve
 * must not overtake its trigger), so a retried notification holds the queue.
 */
final class ChannelWorker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChannelWorker.class);
    private static final Duration LEDGER_LOAD_WAIT = Duration.ofMinutes(5);

    /**
     * One message for this channel: usually one notification, or a digest of several.
     *
     * @param notificationIds the notifications it delivers; each is recorded in the ledger once it is accepted
     * @param deliveryKey     the ledger's name for where it goes: the channel, or channel and audience
     * @param requestedAt     when the (oldest) notification was requested, for the latency metric
     * @param send            one attempt at sending it
     * @param ownerKey        the key whose owner delivers it (its incident, or a digest's key): while another
     *                        instance owns it, it is handed over rather than tried; null: this instance's alone
     */
    record Job(
            List<String> notificationIds,
            String deliveryKey,
            Instant requestedAt,
            Function<Channel, CompletionStage<Outcome>> send,
            CompletableFuture<DeliveryResult> result,
            boolean first,
            long sequence,
            String ownerKey) {}

    /**
     * A new incident's first message (its page, its alert) goes before what is already queued; the rest in
     * arrival order. An incident's own messages keep their order: its first one is always queued before the rest.
     */
    private static final Comparator<Job> ORDER =
            Comparator.comparing((Job job) -> !job.first()).thenComparingLong(Job::sequence);

    private final Channel channel;
    private final RateLimit rate;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Duration requestTimeout;
    private final DeliveryLedger ledger;
    private final NotifierMetrics metrics;
    private final Clock clock;
    private final Predicate<String> owns;
    /** Held from the ownership check before an attempt until its delivery is recorded; see {@link #awaitAttempt}. */
    private final ReentrantLock attempting = new ReentrantLock();

    private final BlockingQueue<Job> queue = new PriorityBlockingQueue<>(64, ORDER);
    private final AtomicLong sequence = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    ChannelWorker(
            Channel channel,
            RateLimit rate,
            int maxAttempts,
            Backoff backoff,
            Duration requestTimeout,
            DeliveryLedger ledger,
            NotifierMetrics metrics,
            Clock clock,
            Predicate<String> owns) {
        this.owns = owns;
        this.channel = channel;
        this.rate = rate;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.requestTimeout = requestTimeout;
        this.ledger = ledger;
        this.metrics = metrics;
        this.clock = clock;
        this.thread = new Thread(this::run, "notify-" + channel.name());
        this.thread.setDaemon(true);
        metrics.queueDepth(channel.name(), queue::size);
    }

    void start() {
        thread.start();
    }

    /**
     * One notification to one audience through this channel: delivered once per (id, delivery key).
     *
     * @param ownerKey see {@link Job#ownerKey()}
     */
    CompletableFuture<DeliveryResult> submit(
            String notificationId,
            String deliveryKey,
            ChannelAction action,
            NotificationView view,
            String plainText,
            String ownerKey) {
        boolean first = view.request().kind() == NotificationKind.INCIDENT_OPENED;
        return submit(
                List.of(notificationId),
                deliveryKey,
                view.request().requestedAt(),
                target -> target.deliver(view, plainText, action),
                first,
                ownerKey);
    }

    /** Several notifications in one message (a digest), to one channel and audience. */
    CompletableFuture<DeliveryResult> submit(
            List<String> notificationIds,
            String deliveryKey,
            Instant requestedAt,
            Function<Channel, CompletionStage<Outcome>> send,
            boolean first,
            String ownerKey) {
        CompletableFuture<DeliveryResult> result = new CompletableFuture<>();
        queue.add(new Job(
                notificationIds, deliveryKey, requestedAt, send, result, first, sequence.incrementAndGet(), ownerKey));
        return result;
    }

    /**
     * Waits (bounded) for the attempt under way, if any, to end and be recorded. Called once the ownership changed:
     * from then on no attempt starts for what another instance owns, so when this returns, that instance's ledger
     * can know everything this one delivered of it.
     */
    boolean awaitAttempt(Duration atMost) throws InterruptedException {
        if (!attempting.tryLock(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        attempting.unlock();
        return true;
    }

    boolean reaches(String audience) {
        return channel.reaches(audience);
    }

    boolean carriesDigests() {
        return channel instanceof DigestChannel;
    }

    String channelName() {
        return channel.name();
    }

    private void run() {
        try {
            if (!ledger.awaitLoaded(LEDGER_LOAD_WAIT)) {
                LOG.warnf(
                        "%s: delivery ledger not loaded after %s; delivering anyway", channel.name(), LEDGER_LOAD_WAIT);
            }
            while (running) {
                Job job = queue.poll(500, TimeUnit.MILLISECONDS);
                if (job == null) {
                    continue;
                }
                job = awaitSlotOrPage(job);
                try {
                    job.result().complete(deliver(job));
                } catch (RuntimeException e) {
                    // Never let one message end the channel's thread: it fails alone, to the dead letter topic.
                    LOG.errorf(
                            "%s: delivering %s failed unexpectedly: %s",
                            channel.name(), job.notificationIds(), e.getClass().getSimpleName());
                    job.result()
                            .complete(DeliveryResult.failed(
                                    channel.name(),
                                    channel.name() + ": " + e.getClass().getSimpleName()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private DeliveryResult deliver(Job job) throws InterruptedException {
        String name = channel.name();
        if (job.notificationIds().stream().allMatch(id -> ledger.delivered(id, job.deliveryKey()))) {
            metrics.skipped(name);
            return DeliveryResult.delivered(name);
        }
        String lastReason = "not tried";
        int failures = 0;
        while (failures < maxAttempts) {
            awaitRateSlot(job);
            if (!running) {
                // Stopping: leave it unacknowledged, Kafka redelivers it.
                return DeliveryResult.failed(name, "stopped");
            }
            if (job.notificationIds().stream().allMatch(id -> ledger.delivered(id, job.deliveryKey()))) {
                // Delivered meanwhile by another instance (its partition moved): sending again could reopen an alert.
                metrics.skipped(name);
                return DeliveryResult.delivered(name);
            }
            Outcome outcome;
            attempting.lock();
            try {
                if (job.ownerKey() != null && !owns.test(job.ownerKey())) {
                    // Its partition moved: the new owner has its record and delivers it; trying here could repeat it.
                    LOG.debugf("%s: %s handed over", name, job.notificationIds());
                    return DeliveryResult.handedOver(name);
                }
                outcome = attempt(job);
                if (outcome instanceof Outcome.Delivered) {
                    recordDelivery(job);
                }
            } finally {
                attempting.unlock();
            }
            // Counted from the end of this attempt: the peer never sees two messages closer than the spacing.
            rate.sent(System.nanoTime());
            if (outcome instanceof Outcome.Delivered) {
                metrics.sent(
                        name,
                        job.requestedAt() == null ? null : Duration.between(job.requestedAt(), Instant.now(clock)));
                return DeliveryResult.delivered(name);
            }
            if (outcome instanceof Outcome.Permanent permanent) {
                metrics.failed(name);
                LOG.warnf("%s: notification %s refused for good: %s", name, job.notificationIds(), permanent.reason());
                return DeliveryResult.failed(name, name + ": " + permanent.reason());
            }
            Outcome.RetryLater retry = (Outcome.RetryLater) outcome;
            lastReason = retry.reason();
            // A peer that names its pause is rate limiting, not failing: waiting it out queues, never drops.
            if (retry.retryAfter().isEmpty()) {
                failures++;
            }
            if (failures < maxAttempts) {
                Duration delay = backoff.delay(failures + 1, retry.retryAfter());
                metrics.retried(name);
                LOG.infof(
                        "%s: notification %s not delivered (%s), retry in %d ms",
                        name, job.notificationIds(), retry.reason(), delay.toMillis());
                // The peer asked for a pause (or is failing): the whole channel waits, in order.
                rate.pause(System.nanoTime(), delay);
            }
        }
        metrics.failed(name);
        return DeliveryResult.failed(name, name + ": gave up after " + maxAttempts + " attempts: " + lastReason);
    }

    private Outcome attempt(Job job) throws InterruptedException {
        try {
            return job.send()
                    .apply(channel)
                    .toCompletableFuture()
                    .get(requestTimeout.toMillis() + 5000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return new Outcome.RetryLater(e.getClass().getSimpleName(), Optional.empty());
        } catch (RuntimeException e) {
            // A request that cannot even be built (a bad URL) will never work; the class, never the message,
            // because the message of such an error can quote the URL.
            return new Outcome.Permanent(e.getClass().getSimpleName());
        }
    }

    private void recordDelivery(Job job) {
        try {
            job.notificationIds().forEach(id -> ledger.record(id, job.deliveryKey()));
        } catch (IllegalStateException e) {
            // Delivered all the same; only a redelivery of this notification could now repeat it.
            LOG.errorf(
                    "%s: delivered %s but could not record it: %s",
                    channel.name(), job.notificationIds(), e.getMessage());
        }
    }

    /**
     * Waits for the send slot of a job not yet tried; if a new incident's page arrives meanwhile, the job goes back
     * to its place in the queue and the page goes first (it may use the room kept for pages).
     */
    private Job awaitSlotOrPage(Job job) throws InterruptedException {
        long wait;
        while ((wait = rate.waitNanos(System.nanoTime(), job.first())) > 0 && running) {
            Job head = queue.peek();
            if (!job.first() && head != null && head.first()) {
                queue.add(job);
                job = queue.take();
                continue;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(20)));
        }
        return job;
    }

    /** Waits for the channel's next send slot; the wait happens on this channel's thread only. */
    private void awaitRateSlot(Job job) throws InterruptedException {
        long wait;
        while ((wait = rate.waitNanos(System.nanoTime(), job.first())) > 0 && running) {
            TimeUnit.NANOSECONDS.sleep(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }

    /**
     * Stops taking jobs. The attempt under way is allowed to finish and be recorded in the ledger (bounded
     * by the request timeout), so a graceful stop never leaves a message sent but unrecorded; jobs still
     * queued stay unacknowledged and Kafka redelivers them to whoever runs next.
     */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(requestTimeout.toMillis() + 10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }
}
