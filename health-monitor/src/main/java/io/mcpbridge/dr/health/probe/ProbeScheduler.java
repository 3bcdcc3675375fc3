package io.mcpbridge.dr.health.probe;

import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.health.TargetHealth;
import io.mcpbridge.dr.health.config.MonitorConfig;
import io.mcpbridge.dr.health.metrics.MonitorMetrics;
import io.mcpbridge.dr.health.ownership.ProbeOwner;
import io.mcpbridge.dr.health.ownership.ProbeOwnership;
import io.mcpbridge.dr.health.publish.EventPublisher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs the probe of every target this replica owns on its interval, concurrently (each target has its own
 * in-flight run), and publishes a snapshot of each on the snapshot interval. Which targets are this replica's
 * is {@link ProbeOwnership}'s to say: with several replicas each target has exactly one prober.
 */
@ApplicationScoped
public class ProbeScheduler implements ProbeOwner {

    private static final Logger LOG = Logger.getLogger(ProbeScheduler.class);

    private final MonitorConfig config;
    private final EventPublisher publisher;
    private final MonitorMetrics metrics;
    private final Vertx vertx;
    private final Clock clock;
    /** Whatever replica started first, a new prober looks back at least this far for a target's last state. */
    private static final Duration MIN_LOOKBACK = Duration.ofMinutes(10);

    private final Map<String, Object> kafkaConfig;
    private final Map<String, TargetMonitor> monitors = new LinkedHashMap<>();
    private final Map<String, Duration> intervals = new HashMap<>();
    /** The targets this replica probes now, with their scheduled runs. */
    private final Map<String, ScheduledFuture<?>> owned = new HashMap<>();

    private ProbeOwnership ownership;
    private ScheduledExecutorService ticker;
    private ExecutorService blocking;

    public ProbeScheduler(
            MonitorConfig config,
            EventPublisher publisher,
            MonitorMetrics metrics,
            Vertx vertx,
            Clock clock,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.kafkaConfig = kafkaConfig;
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
            monitors.put(name, monitor);
            intervals.put(name, target.interval().orElse(probes.interval()));
        }
        long snapshotMillis = probes.snapshotInterval().toMillis();
        ticker.scheduleAtFixedRate(this::publishSnapshots, snapshotMillis, snapshotMillis, TimeUnit.MILLISECONDS);
        if (monitors.isEmpty()) {
            return;
        }
        // Many snapshot intervals back: every target being probed has published within them.
        Duration lookback = probes.snapshotInterval().multipliedBy(10).compareTo(MIN_LOOKBACK) > 0
                ? probes.snapshotInterval().multipliedBy(10)
                : MIN_LOOKBACK;
        ownership = new ProbeOwnership(kafkaConfig, this, lookback, clock);
        ownership.start();
    }

    @Override
    public Collection<String> targets() {
        return List.copyOf(monitors.keySet());
    }

    /** Starts probing targets this replica now owns, each from its last published state. */
    @Override
    public synchronized void take(Map<String, Optional<TargetHealth>> targets) {
        targets.forEach((name, published) -> {
            TargetMonitor monitor = monitors.get(name);
            if (monitor == null || owned.containsKey(name)) {
                return;
            }
            monitor.resumeFrom(published);
            Duration interval = intervals.get(name);
            owned.put(
                    name, ticker.scheduleAtFixedRate(monitor::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS));
            metrics.probeOwned(name, true);
            LOG.infof(
                    "probing %s (%s %s) every %s, from %s",
                    name,
                    monitor.probe().kind(),
                    monitor.probe().endpoint(),
                    interval,
                    published
                            .map(health -> health.state() + " since " + health.since())
                            .orElse("nothing published yet"));
        });
    }

    /** Stops probing targets another replica owns now. */
    @Override
    public synchronized void release(Collection<String> targets) {
        for (String name : targets) {
            ScheduledFuture<?> running = owned.remove(name);
            if (running != null) {
                running.cancel(false);
                metrics.probeOwned(name, false);
            }
        }
    }

    /** Snapshots come from the prober of each target only. */
    private void publishSnapshots() {
        List<TargetMonitor> mine;
        synchronized (this) {
            mine = owned.keySet().stream().map(monitors::get).toList();
        }
        mine.forEach(monitor -> monitor.snapshot()
                .ifPresent(snapshot -> publisher
                        .publish(snapshot)
                        .whenComplete((metadata, failure) ->
                                metrics.healthEvent(EventType.HEALTH_SNAPSHOT.typeName(), failure == null))));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (ownership != null) {
            ownership.close();
        }
        if (ticker != null) {
            ticker.shutdownNow();
            blocking.shutdownNow();
        }
        monitors.values().stream()
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
