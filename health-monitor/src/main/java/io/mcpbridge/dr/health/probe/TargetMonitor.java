package io.mcpbridge.dr.health.probe;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.events.health.TargetHealth;
import io.mcpbridge.dr.health.metrics.MonitorMetrics;
import io.mcpbridge.dr.health.publish.EventPublisher;
import io.mcpbridge.dr.health.publish.EventSources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * One target's probe loop step: probe, feed the result to the hysteresis, publish a transition. At most
 * one run of a target is in flight; a tick that finds the previous run still going is skipped, so a slow
 * target never piles up work, and never delays another target (each has its own runs).
 *
 * <p>A transition is published until Kafka acknowledges it: if publishing fails, the next run publishes
 * the state again (with the last <em>published</em> state as previous), so consumers never miss a change
 * that is still true.
 */
final class TargetMonitor {

    private static final Logger LOG = Logger.getLogger(TargetMonitor.class);

    private final String target;
    private final String component;
    private final Probe probe;
    private final Duration timeout;
    private final Hysteresis hysteresis;
    private final EventPublisher publisher;
    private final MonitorMetrics metrics;
    private final Clock clock;
    private final AtomicBoolean inFlight = new AtomicBoolean();

    private HealthState lastPublished = HealthState.UNKNOWN;
    private ProbeResult latest;
    private Instant latestAt;

    TargetMonitor(
            String target,
            String component,
            Probe probe,
            Duration timeout,
            Hysteresis hysteresis,
            EventPublisher publisher,
            MonitorMetrics metrics,
            Clock clock) {
        this.target = target;
        this.component = component;
        this.probe = probe;
        this.timeout = timeout;
        this.hysteresis = hysteresis;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        metrics.trackTarget(target, component);
    }

    String target() {
        return target;
    }

    Probe probe() {
        return probe;
    }

    /**
     * Continues from what was last published about this target (by this replica or another), so that a take-over
     * neither publishes that state again nor misses a change from it; with nothing published yet, from UNKNOWN.
     */
    synchronized void resumeFrom(Optional<TargetHealth> published) {
        Instant now = clock.instant();
        if (published.isPresent()) {
            TargetHealth last = published.get();
            hysteresis.resume(last.state(), last.previousState(), last.since());
            lastPublished = last.state();
        } else {
            hysteresis.resume(HealthState.UNKNOWN, HealthState.UNKNOWN, now);
            lastPublished = HealthState.UNKNOWN;
        }
        latest = null;
        latestAt = null;
        metrics.targetState(target, hysteresis.state());
    }

    /** Runs one probe unless the previous one is still in flight; completes when its events are settled. */
    CompletableFuture<Void> runOnce() {
        if (!inFlight.compareAndSet(false, true)) {
            metrics.probeSkipped(target);
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<ProbeResult> result;
        try {
            // The scheduler's own deadline, in case a probe ignores its timeout; a little later than the probe's.
            result = probe.probe().toCompletableFuture().orTimeout(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.exceptionally(failure -> ProbeResult.down(Failures.describe(failure, timeout), timeout))
                .thenCompose(this::record)
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        LOG.errorf("probe run of %s failed: %s", target, failure.toString());
                    }
                    inFlight.set(false);
                });
    }

    private CompletableFuture<Void> record(ProbeResult result) {
        Optional<EventEnvelope> change;
        synchronized (this) {
            Instant now = clock.instant();
            latest = result;
            latestAt = now;
            hysteresis
                    .observe(result.observed(), now)
                    .ifPresent(t -> LOG.infof(
                            "%s: %s -> %s after %d consecutive (%s)",
                            target, t.from(), t.to(), t.consecutive(), result.error() == null ? "ok" : result.error()));
            metrics.probed(target, result.observed(), result.latency());
            metrics.targetState(target, hysteresis.state());
            change = hysteresis.state() == lastPublished
                    ? Optional.empty()
                    : Optional.of(envelope(EventType.HEALTH_CHANGED, lastPublished, transitionId()));
        }
        if (change.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        TargetHealth health = (TargetHealth) change.get().payload();
        return publisher.publish(change.get()).handle((metadata, failure) -> {
            metrics.healthEvent(EventType.HEALTH_CHANGED.typeName(), failure == null);
            if (failure == null) {
                synchronized (this) {
                    lastPublished = health.state();
                }
            } else {
                LOG.warnf(
                        "%s: transition to %s not published, will retry on the next probe: %s",
                        target, health.state(), failure.toString());
            }
            return null;
        });
    }

    /**
     * The same for every publication of one transition, so that a retry after a lost acknowledgement is a
     * redelivery consumers can drop, not a second transition.
     */
    private String transitionId() {
        return target + ":" + hysteresis.state().name().toLowerCase() + ":"
                + hysteresis.since().toEpochMilli();
    }

    /** The current state as a snapshot event; empty before the first probe finished. */
    synchronized Optional<EventEnvelope> snapshot() {
        if (latest == null) {
            return Optional.empty();
        }
        return Optional.of(envelope(
                EventType.HEALTH_SNAPSHOT,
                hysteresis.previous(),
                UUID.randomUUID().toString()));
    }

    private EventEnvelope envelope(EventType type, HealthState previous, String id) {
        TargetHealth health = new TargetHealth(
                target,
                component,
                probe.kind(),
                probe.endpoint(),
                hysteresis.state(),
                previous,
                hysteresis.since(),
                hysteresis.consecutive(),
                latest.latency().toMillis(),
                latest.error(),
                latestAt);
        return new EventEnvelope(id, type, EventSources.HEALTH_MONITOR, component, latestAt, health);
    }
}
