package io.mcpbridge.dr.notifier.delivery;

import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.notifier.channel.Channel;
import io.mcpbridge.dr.notifier.channel.ConsoleChannel;
import io.mcpbridge.dr.notifier.channel.DigestChannel;
import io.mcpbridge.dr.notifier.channel.EmailChannel;
import io.mcpbridge.dr.notifier.channel.Outcome;
import io.mcpbridge.dr.notifier.channel.PagerDutyChannel;
import io.mcpbridge.dr.notifier.channel.SlackChannel;
import io.mcpbridge.dr.notifier.channel.StatuspageChannel;
import io.mcpbridge.dr.notifier.config.NotifierConfig;
import io.mcpbridge.dr.notifier.ledger.DeliveryLedger;
import io.mcpbridge.dr.notifier.metrics.NotifierMetrics;
import io.mcpbridge.dr.notifier.ownership.NotifyOwnership;
import io.mcpbridge.dr.notifier.plan.CommunicationPlan;
import io.mcpbridge.dr.notifier.routing.ChannelAction;
import io.mcpbridge.dr.notifier.routing.CommunicationMatrix;
import io.mcpbridge.dr.notifier.template.MessageFacts;
import io.mcpbridge.dr.notifier.template.MessageTemplates;
import io.mcpbridge.dr.notifier.template.NotificationView;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Turns notifications into deliveries. For the internal audience a request goes where the communication matrix
 * says (Slack, PagerDuty, digest, console), the plan's text rendered once; for the other audiences the
 * communication tracker sends each message through the audience's channels. Each enabled channel's worker
 * delivers its part, in order.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    /** How long a moving partition waits for an attempt under way: the request timeout, and then some. */
    private static final Duration ATTEMPT_WAIT = Duration.ofSeconds(30);

    private final MessageTemplates templates;
    private final Map<String, ChannelWorker> workers = new LinkedHashMap<>();
    private final SlackDigest digest;
    private final CommunicationMatrix matrix;
    private final NotifyOwnership ownership;
    private volatile boolean stopping;

    public Dispatcher(
            NotifierConfig config,
            MessageTemplates templates,
            SlackChannel slack,
            PagerDutyChannel pagerDuty,
            ConsoleChannel console,
            EmailChannel email,
            StatuspageChannel statuspage,
            CommunicationPlan plan,
            DeliveryLedger ledger,
            NotifierMetrics metrics,
            Clock clock,
            @Identifier(NotifyOwnership.NAME) NotifyOwnership ownership) {
        this.templates = templates;
        this.ownership = ownership;
        NotifierConfig.Routing routing = config.routing();
        this.matrix =
                CommunicationMatrix.forInternal(plan.internal(), routing.pageOnOpen(), routing.pageOnEscalation());
        NotifierConfig.Delivery delivery = config.delivery();
        Backoff backoff = new Backoff(delivery.initialBackoff(), delivery.maxBackoff());
        add(console, spaced(Duration.ZERO), delivery, backoff, ledger, metrics, clock);
        add(slack, spaced(config.slack().minInterval()), delivery, backoff, ledger, metrics, clock);
        NotifierConfig.PagerDuty pd = config.pagerduty();
        add(
                pagerDuty,
                new RateLimit(pd.rateLimit(), pd.rateWindow(), pd.minInterval()),
                delivery,
                backoff,
                ledger,
                metrics,
                clock);
        add(email, spaced(config.email().minInterval()), delivery, backoff, ledger, metrics, clock);
        NotifierConfig.Statuspage page = config.statuspage();
        add(
                statuspage,
                new RateLimit(page.rateLimit(), page.rateWindow(), page.minInterval()),
                delivery,
                backoff,
                ledger,
                metrics,
                clock);
        ChannelWorker slackWorker = workers.get(slack.name());
        this.digest = slackWorker == null
                ? null
                : new SlackDigest(slackWorker, slack, ledger, config.digest().interval(), ownership::owns, clock);
    }

    private static RateLimit spaced(Duration spacing) {
        return new RateLimit(0, Duration.ZERO, spacing);
    }

    private void add(
            Channel channel,
            RateLimit rate,
            NotifierConfig.Delivery delivery,
            Backoff backoff,
            DeliveryLedger ledger,
            NotifierMetrics metrics,
            Clock clock) {
        if (channel.enabled()) {
            workers.put(
                    channel.name(),
                    new ChannelWorker(
                            channel,
                            rate,
                            delivery.maxAttempts(),
                            backoff,
                            delivery.requestTimeout(),
                            ledger,
                            metrics,
                            clock,
                            ownership::owns));
        }
    }

    void start(@Observes StartupEvent event) {
        ownership.onRevoked(this::awaitAttempts);
        workers.values().forEach(ChannelWorker::start);
        if (digest != null) {
            digest.start();
        }
        LOG.infof("notifying through %s", workers.keySet());
    }

    /**
     * Partitions were taken from this instance: once the attempts under way ended and were recorded, no more of
     * what they hold is tried here (see {@link ChannelWorker}), so the new owner cannot repeat a delivery.
     */
    private void awaitAttempts() {
        for (ChannelWorker worker : workers.values()) {
            try {
                if (!worker.awaitAttempt(ATTEMPT_WAIT)) {
                    LOG.warnf("%s: an attempt still runs as its partition moves", worker.channelName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Delivers the request to the internal audience on every channel the matrix names; the future holds the
     * permanent failures, or fails with {@link HandedOverException} when another instance delivers it now.
     *
     * @param ownerKey the key whose owner delivers it (the key of its record); null when only this instance has it
     */
    public CompletableFuture<List<String>> dispatch(NotificationRequest request, MessageFacts facts, String ownerKey) {
        NotificationView view = new NotificationView(request, facts);
        String text = templates.plainText(view);
        List<CompletableFuture<DeliveryResult>> results = new ArrayList<>();
        for (ChannelAction action : matrix.actions(request)) {
            ChannelWorker worker = workers.get(action.channel());
            if (worker == null) {
                continue;
            }
            results.add(
                    action == ChannelAction.SLACK_DIGEST
                            ? digest.add(view)
                            : worker.submit(request.id(), worker.channelName(), action, view, text, ownerKey));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> {
                    List<DeliveryResult> done =
                            results.stream().map(CompletableFuture::join).toList();
                    done.stream().filter(DeliveryResult::handedOver).findFirst().ifPresent(r -> {
                        throw new HandedOverException(r.channel());
                    });
                    return done.stream()
                            .filter(r -> !r.ok())
                            .map(DeliveryResult::failure)
                            .toList();
                });
    }

    /** Whether a channel of this name is switched on and reaches the audience (an email list needs its recipients). */
    public boolean reaches(String channel, String audience) {
        ChannelWorker worker = workers.get(channel);
        return worker != null && worker.reaches(audience);
    }

    /**
     * Delivers one message to one audience through one channel, once per (id, channel, audience) whatever the
     * retries: the audience is part of the ledger's key, so an email to leadership and one to customers are two.
     */
    public CompletableFuture<DeliveryResult> send(String notificationId, String channel, NotificationView view) {
        ChannelWorker worker = workers.get(channel);
        if (worker == null) {
            return CompletableFuture.completedFuture(DeliveryResult.failed(channel, channel + " is not switched on"));
        }
        ChannelAction action = switch (channel) {
            case "slack" -> ChannelAction.SLACK_POST;
            case "email" -> ChannelAction.EMAIL;
            case "statuspage" -> ChannelAction.STATUSPAGE;
            case "pagerduty" -> ChannelAction.PAGERDUTY_CHANGE;
            default -> ChannelAction.CONSOLE;
        };
        String audience = view.facts().audience();
        String key = audience == null ? channel : channel + ":" + audience;
        // Sent for the incident's owner (the tracker works on the incidents it owns).
        return worker.submit(notificationId, key, action, view, templates.plainText(view), view.incidentId());
    }

    /**
     * Delivers a digest of notifications to one audience through one channel, once per (digest id, channel,
     * audience); a channel that cannot carry digests (the status page) is left out by the caller.
     */
    public CompletableFuture<DeliveryResult> sendDigest(
            String digestId, String channel, String audience, List<NotificationView> views, Duration period) {
        ChannelWorker worker = workers.get(channel);
        if (worker == null) {
            return CompletableFuture.completedFuture(DeliveryResult.failed(channel, channel + " is not switched on"));
        }
        return worker.submit(
                List.of(digestId),
                channel + ":" + audience,
                null,
                target -> target instanceof DigestChannel digestChannel
                        ? digestChannel.deliverDigest(audience, views, period)
                        : CompletableFuture.completedFuture(new Outcome.Permanent(channel + " carries no digest")),
                false,
                NotifyOwnership.digestKey(audience));
    }

    /** Whether a channel of this name is on and can carry a digest. */
    public boolean carriesDigests(String channel) {
        ChannelWorker worker = workers.get(channel);
        return worker != null && worker.carriesDigests();
    }

    /** Before the ledger closes (lower priority runs first): in-flight deliveries finish and are recorded. */
    void stop(@Observes @Priority(10) ShutdownEvent event) {
        stopping = true;
        if (digest != null) {
            digest.close();
        }
        workers.values().parallelStream().forEach(ChannelWorker::close);
    }

    /** Whether the service is shutting down; results then mean "not done", never "refused". */
    public boolean stopping() {
        return stopping;
    }
}
