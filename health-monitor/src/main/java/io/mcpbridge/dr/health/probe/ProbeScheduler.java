package io.mcpbridge.dr.health.probe;

import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.health.config.MonitorConfig;
import io.mcpbridge.dr.health.metrics.MonitorMetrics;
import io.mcpbridge.dr.health.publish.EventPublisher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs every enabled target's probe on its interval, concurrently (each target has its own in-flight
 * run), and publishes a snapshot of every target on the snapshot interval.
 */
@ApplicationScoped
public class ProbeScheduler {

    private static final Logger LOG = Logger.getLogger(ProbeScheduler.class);

    private final MonitorConfig config;
    private final EventPublisher publisher;
    private final MonitorMetrics metrics;
    private final Vertx vertx;
    private final Clock clock;
    private final List<TargetMonitor> monitors = new ArrayList<>();
    private ScheduledExecutorService ticker;
    private ExecutorService blocking;

    public ProbeScheduler(
            MonitorConfig config, EventPublisher publisher, MonitorMetrics metrics, Vertx vertx, Clock clock) {
        this.config = config;
        this.publisher = publisher;
        this.metrics = metrics;
        this.vertx = vertx;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        MonitorConfig.Probes probes = config.probes();
        if (!probes.enabled()) {
            LOG.info("probes are disabled (mcpdr.probes.enabled=false)");
            return;
        }
        blocking = Executors.newCachedThreadPool(daemon("probe-worker"));
        ticker = Executors.newSingleThreadScheduledExecutor(daemon("probe-ticker"));
        ProbeFactory factory = new ProbeFactory(vertx, blocking, clock);
        for (Map.Entry<String, MonitorConfig.Target> entry : probes.targets().entrySet()) {
            MonitorConfig.Target target = entry.getValue();
            if (!target.enabled()) {
                continue;
            }
            String name = entry.getKey();
            TargetMonitor monitor = new TargetMonitor(
                    name,
                    target.component().orElse(name),
                    factory.create(name, target),
                    target.timeout(),
                    new Hysteresis(probes.downAfter(), probes.upAfter(), clock.instant()),
                    publisher,
                    metrics,
                    clock);
            monitors.add(monitor);
            Duration interval = target.interval().orElse(probes.interval());
            ticker.scheduleAtFixedRate(monitor::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
            LOG.infof(
                    "probing %s (%s %s) every %s",
                    name, monitor.probe().kind(), monitor.probe().endpoint(), interval);
        }
        long snapshotMillis = probes.snapshotInterval().toMillis();
        ticker.scheduleAtFixedRate(this::publishSnapshots, snapshotMillis, snapshotMillis, TimeUnit.MILLISECONDS);
    }

    private void publishSnapshots() {
        monitors.forEach(monitor -> monitor.snapshot()
                .ifPresent(snapshot -> publisher
                        .publish(snapshot)
                        .whenComplete((metadata, failure) ->
                                metrics.healthEvent(EventType.HEALTH_SNAPSHOT.typeName(), failure == null))));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.shutdownNow();
            blocking.shutdownNow();
        }
        monitors.stream()
                .map(TargetMonitor::probe)
                .filter(AutoCloseable.class::isInstance)
                .forEach(probe -> {
                    try {
                        ((AutoCloseable) probe).close();
                    } catch (Exception e) {
                        LOG.debugf("closing probe: %s", e);
                    }
                });
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
