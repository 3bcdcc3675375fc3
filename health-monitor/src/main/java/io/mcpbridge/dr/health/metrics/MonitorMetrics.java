package io.mcpbridge.dr.health.metrics;

import io.mcpbridge.dr.events.alert.AlertStatus;
import io.mcpbridge.dr.events.health.HealthState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's metric families, all prefixed {@code mcpdr_}: probe latency, results and failures per
 * target, the state of each target (one series per state, 1 for the current one), webhook requests by
 * outcome, alerts published, repeats dropped and alerts Alertmanager truncated, health events published or
 * failed.
 */
@ApplicationScoped
public class MonitorMetrics {

    /** What became of one webhook request. */
    public enum WebhookOutcome {
        ACCEPTED,
        BAD_REQUEST,
        UNAUTHORIZED,
        TOO_LARGE,
        UNAVAILABLE;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Map<String, AtomicReference<HealthState>> states = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> ownedTargets = new ConcurrentHashMap<>();
    private final Map<WebhookOutcome, Counter> webhookRequests = new ConcurrentHashMap<>();
    private final Map<AlertStatus, Counter> alertsPublished = new ConcurrentHashMap<>();
    private final Counter alertsDuplicate;
    private final Counter alertsTruncated;

    public MonitorMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (WebhookOutcome outcome : WebhookOutcome.values()) {
            webhookRequests.put(
                    outcome,
                    Counter.builder("mcpdr.webhook.requests")
                            .description("Alertmanager webhook requests by outcome")
                            .tag("outcome", outcome.tag())
                            .register(registry));
        }
        for (AlertStatus status : AlertStatus.values()) {
            alertsPublished.put(
                    status,
                    Counter.builder("mcpdr.alerts.published")
                            .description("Alerts acknowledged by Kafka on mcp-dr.alerts")
                            .tag("status", status.name().toLowerCase(Locale.ROOT))
                            .register(registry));
        }
        alertsDuplicate = Counter.builder("mcpdr.alerts.duplicates")
                .description("Repeats of an already published fingerprint and status, not published again")
                .register(registry);
        alertsTruncated = Counter.builder("mcpdr.alerts.truncated")
                .description("Alerts Alertmanager left out of notifications (max_alerts); they never reached us")
                .register(registry);
    }

    /**
     * Registers the series of a target: its state (UNKNOWN until the first verdict) and, zero-valued, its probe
     * counters and latency, so rules and dashboards see them before anything happened.
     */
    public void trackTarget(String target, String component) {
        probeOwned(target, false);
        probeDuration(target);
        probeFailures(target);
        probesSkipped(target);
        AtomicReference<HealthState> current =
                states.computeIfAbsent(target, t -> new AtomicReference<>(HealthState.UNKNOWN));
        for (HealthState state : HealthState.values()) {
            registry.gauge(
                    "mcpdr.target.state",
                    Tags.of("target", target, "component", component, "state", state.name()),
                    current,
                    ref -> ref.get() == state ? 1 : 0);
        }
    }

    /** Whether this replica probes the target now ({@code mcpdr_probe_owned{target}} 1 or 0). */
    public void probeOwned(String target, boolean owned) {
        ownedTargets
                .computeIfAbsent(target, t -> {
                    AtomicInteger flag = new AtomicInteger();
                    registry.gauge("mcpdr.probe.owned", Tags.of("target", t), flag);
                    return flag;
                })
                .set(owned ? 1 : 0);
    }

    public void targetState(String target, HealthState state) {
        AtomicReference<HealthState> current = states.get(target);
        if (current != null) {
            current.set(state);
        }
    }

    public void probed(String target, HealthState observed, Duration latency) {
        probeDuration(target).record(latency);
        Counter.builder("mcpdr.probe.attempts")
                .description("Probes run, by what they observed")
                .tags("target", target, "result", observed.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
        if (observed == HealthState.DOWN) {
            probeFailures(target).increment();
        }
    }

    public void probeSkipped(String target) {
        probesSkipped(target).increment();
    }

    private Timer probeDuration(String target) {
        return Timer.builder("mcpdr.probe.duration")
                .description("Duration of one probe")
                .tag("target", target)
                .register(registry);
    }

    private Counter probeFailures(String target) {
        return Counter.builder("mcpdr.probe.failures")
                .description("Probes that failed")
                .tag("target", target)
                .register(registry);
    }

    private Counter probesSkipped(String target) {
        return Counter.builder("mcpdr.probe.skipped")
                .description("Probe runs skipped because the previous run of the target was still going")
                .tag("target", target)
                .register(registry);
    }

    public void healthEvent(String type, boolean published) {
        Counter.builder(published ? "mcpdr.health.events.published" : "mcpdr.health.events.failed")
                .description(published ? "Health events acknowledged by Kafka" : "Health events Kafka did not take")
                .tag("type", type)
                .register(registry)
                .increment();
    }

    public void webhookRequest(WebhookOutcome outcome) {
        webhookRequests.get(outcome).increment();
    }

    public void alertPublished(AlertStatus status) {
        alertsPublished.get(status).increment();
    }

    public void alertDuplicate() {
        alertsDuplicate.increment();
    }

    public void alertsTruncated(int count) {
        alertsTruncated.increment(count);
    }
}
