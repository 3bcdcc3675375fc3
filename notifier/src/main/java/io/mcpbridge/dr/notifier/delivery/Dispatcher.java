package io.mcpbridge.dr.notifier.delivery;

import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.notifier.channel.Channel;
import io.mcpbridge.dr.notifier.channel.ConsoleChannel;
import io.mcpbridge.dr.notifier.channel.PagerDutyChannel;
import io.mcpbridge.dr.notifier.channel.SlackChannel;
import io.mcpbridge.dr.notifier.config.NotifierConfig;
import io.mcpbridge.dr.notifier.ledger.DeliveryLedger;
import io.mcpbridge.dr.notifier.metrics.NotifierMetrics;
import io.mcpbridge.dr.notifier.routing.ChannelAction;
import io.mcpbridge.dr.notifier.routing.CommunicationMatrix;
import io.mcpbridge.dr.notifier.template.MessageTemplates;
import io.mcpbridge.dr.notifier.template.NotificationView;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
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
 * Turns a notification request into deliveries: the communication matrix picks the actions, the plan's
 * text is rendered once, and each enabled channel's worker delivers its part. Completes when every channel
 * is done, with the reasons of those that failed for good.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final MessageTemplates templates;
    private final Map<String, ChannelWorker> workers = new LinkedHashMap<>();
    private final SlackDigest digest;
    private final CommunicationMatrix matrix;
    private volatile boolean stopping;

    public Dispatcher(
            NotifierConfig config,
            MessageTemplates templates,
            SlackChannel slack,
            PagerDutyChannel pagerDuty,
            ConsoleChannel console,
            DeliveryLedger ledger,
            NotifierMetrics metrics,
            Clock clock) {
        this.templates = templates;
        NotifierConfig.Routing routing = config.routing();
        this.matrix = new CommunicationMatrix(
                routing.post(), routing.digest(), routing.pageOnOpen(), routing.pageOnEscalation());
        NotifierConfig.Delivery delivery = config.delivery();
        Backoff backoff = new Backoff(delivery.initialBackoff(), delivery.maxBackoff());
        add(console, Duration.ZERO, delivery, backoff, ledger, metrics, clock);
        add(slack, config.slack().minInterval(), delivery, backoff, ledger, metrics, clock);
        add(pagerDuty, config.pagerduty().minInterval(), delivery, backoff, ledger, metrics, clock);
        ChannelWorker slackWorker = workers.get(slack.name());
        this.digest = slackWorker == null
                ? null
                : new SlackDigest(slackWorker, slack, ledger, config.digest().interval());
    }

    private void add(
            Channel channel,
            Duration minInterval,
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
                            minInterval,
                            delivery.maxAttempts(),
                            backoff,
                            delivery.requestTimeout(),
                            ledger,
                            metrics,
                            clock));
        }
    }

    void start(@Observes StartupEvent event) {
        workers.values().forEach(ChannelWorker::start);
        if (digest != null) {
            digest.start();
        }
        LOG.infof("notifying through %s", workers.keySet());
    }

    /** Delivers the request on every channel the matrix names; the future holds the permanent failures. */
    public CompletableFuture<List<String>> dispatch(NotificationRequest request) {
        NotificationView view = new NotificationView(request);
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
                            : worker.submit(request.id(), action, view, text));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> results.stream()
                        .map(CompletableFuture::join)
                        .filter(r -> !r.ok())
                        .map(DeliveryResult::failure)
                        .toList());
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
