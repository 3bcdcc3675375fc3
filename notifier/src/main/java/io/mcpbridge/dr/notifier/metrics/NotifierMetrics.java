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

    public void queueDepth(String channel, Supplier<Number> depth) {
        // Held strongly: the supplier is referenced nowhere else, and a weak gauge would read NaN after a GC.
        Gauge.builder("mcpdr.notifications.queue.depth", depth, d -> d.get().doubleValue())
                .description("Messages waiting for the channel")
                .tag("channel", channel)
                .strongReference(true)
                .register(registry);
    }

    public void sent(String channel, Duration sinceRequested) {
        counter("mcpdr.notifications.sent", "Notifications the channel accepted", channel)
                .increment();
        if (sinceRequested != null && !sinceRequested.isNegative()) {
            Timer.builder("mcpdr.notifications.delivery.latency")
                    .description("From the request's time to the channel's acceptance")
                    .tag("channel", channel)
                    .register(registry)
                    .record(sinceRequested);
        }
    }

    public void retried(String channel) {
        counter("mcpdr.notifications.retried", "Delivery attempts retried (429, 5xx, network)", channel)
                .increment();
    }

    public void failed(String channel) {
        counter("mcpdr.notifications.failed", "Notifications sent to the dead letter topic", channel)
                .increment();
    }

    public void skipped(String channel) {
        counter("mcpdr.notifications.skipped", "Redeliveries skipped: already delivered", channel)
                .increment();
    }

    private Counter counter(String name, String description, String channel) {
        return Counter.builder(name)
                .description(description)
                .tag("channel", channel)
                .register(registry);
    }
}
