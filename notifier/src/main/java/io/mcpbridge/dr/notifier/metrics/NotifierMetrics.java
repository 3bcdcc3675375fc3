package io.mcpbridge.dr.notifier.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The notifier's metric families, prefixed {@code mcpdr_}: notifications sent, failed (to the dead letter
 * topic), retried and skipped as already delivered, per channel; delivery latency from request to
 * acceptance; queue depth per channel.
 */
@ApplicationScoped
public class NotifierMetrics {

    private final MeterRegistry registry;

    public NotifierMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Registers a channel's series, zero-valued, with its queue depth: an idle notifier exposes every series
     * rules and dashboards ask for.
     */
    public void queueDepth(String channel, Supplier<Number> depth) {
        sentCounter(channel);
        latency(channel);
        retriedCounter(channel);
        failedCounter(channel);
        skippedCounter(channel);
        // Held strongly: the supplier is referenced nowhere else, and a weak gauge would read NaN after a GC.
        Gauge.builder("mcpdr.notifications.queue.depth", depth, d -> d.get().doubleValue())
                .description("Messages waiting for the channel")
                .tag("channel", channel)
                .strongReference(true)
                .register(registry);
    }

    public void sent(String channel, Duration sinceRequested) {
        sentCounter(channel).increment();
        if (sinceRequested != null && !sinceRequested.isNegative()) {
            latency(channel).record(sinceRequested);
        }
    }

    public void retried(String channel) {
        retriedCounter(channel).increment();
    }

    public void failed(String channel) {
        failedCounter(channel).increment();
    }

    public void skipped(String channel) {
        skippedCounter(channel).increment();
    }

    private Counter sentCounter(String channel) {
        return counter("mcpdr.notifications.sent", "Notifications the channel accepted", channel);
    }

    private Timer latency(String channel) {
        return Timer.builder("mcpdr.notifications.delivery.latency")
                .description("From the request's time to the channel's acceptance")
                .tag("channel", channel)
                .register(registry);
    }

    private Counter retriedCounter(String channel) {
        return counter("mcpdr.notifications.retried", "Delivery attempts retried (429, 5xx, network)", channel);
    }

    private Counter failedCounter(String channel) {
        return counter("mcpdr.notifications.failed", "Notifications sent to the dead letter topic", channel);
    }

    private Counter skippedCounter(String channel) {
        return counter("mcpdr.notifications.skipped", "Redeliveries skipped: already delivered", channel);
    }

    private Counter counter(String name, String description, String channel) {
        return Counter.builder(name)
                .description(description)
                .tag("channel", channel)
                .register(registry);
    }
}
