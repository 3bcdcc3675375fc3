package io.mcpbridge.dr.coordinator.drill;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpbridge.dr.coordinator.action.KubernetesActions;
import io.mcpbridge.dr.coordinator.config.CoordinatorConfig;
import io.mcpbridge.dr.coordinator.history.Believed;
import io.mcpbridge.dr.coordinator.history.DrillHistory;
import io.mcpbridge.dr.coordinator.incident.RecoveryPoints;
import io.mcpbridge.dr.coordinator.loop.Coordinator;
import io.mcpbridge.dr.coordinator.metrics.DrillMetrics;
import io.mcpbridge.dr.coordinator.notice.DrillNotices;
import io.mcpbridge.dr.coordinator.publish.EventSender;
import io.mcpbridge.dr.coordinator.publish.IncidentPublisher;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.drill.DrillResult;
import io.mcpbridge.dr.events.drill.DrillStart;
import io.mcpbridge.dr.events.drill.DrillStep;
import io.mcpbridge.dr.events.drill.DrillType;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.events.schedule.CronSchedule;
import io.mcpbridge.dr.events.trust.RecordAuthenticator;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Runs the plan's drills, on their schedule and on demand, one of each type at a time, on a thread of their own
 * (never the incident loop's). A scheduled drill runs in the replica that owns its key's partition
 * ({@link DrillType#key()}), with the id of its period ({@code drill-<type>-<due, Unix seconds>}); a replica
 * that owns it and finds the latest period not done (in {@code mcp-dr.drills}) runs it, so a period due while its
 * owner was dead runs once when the next owner looks (within {@code catch-up} of its due time). Each result, pass or fail, goes to {@code mcp-dr.drills}.
 * Drills open no incidents and page nobody.
 */
@Startup
@ApplicationScoped
public class Drills {

    private static final Logger LOG = Logger.getLogger(Drills.class);
    /** The coordinator's own name as a signer: the drill results believed are its own. */
    private static final String SELF = "recovery-coordinator";
    /** Two replicas' starts of one drill are read back from this long before now (their clocks may differ). */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final DrillCatalog catalog;
    private final RecoveryPoints points;
    private final BackupWaiters waiters;
    private final EventSender sender;
    private final Coordinator coordinator;
    private final DrillMetrics metrics;
    private final Clock clock;
    private final DrillHistory history;
    private final boolean onSchedule;
    private final Duration catchUp;
    private final Map<String, Object> kafkaConfig;
    private final Believed believed;
    private final DrillActions actions;
    private final FullDrill.Readiness readiness;
    private final Map<DrillType, String> running = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "drills");
        thread.setDaemon(true);
        return thread;
    });

    public Drills(
            CoordinatorConfig config,
            RecoveryPoints points,
            BackupWaiters waiters,
            EventSender sender,
            Coordinator coordinator,
            DrillMetrics metrics,
            RecordAuthenticator authenticator,
            Clock clock,
            KubernetesClient kubernetes,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        try {
            this.catalog = DrillCatalog.load(config.drills().file()).checkedAgainst(config.namespace());
        } catch (IOException e) {
            throw new UncheckedIOException("the drill file cannot be read", e);
        }
        this.onSchedule = config.drills().onSchedule();
        this.catchUp = config.drills().catchUp();
        this.points = points;
        this.waiters = waiters;
        this.sender = sender;
        this.coordinator = coordinator;
        this.metrics = metrics;
        this.clock = clock;
        if (onSchedule) {
            for (DrillDefinition drill : catalog.all()) {
                CronSchedule.period(drill.schedule()).ifPresent(period -> metrics.scheduled(drill.type(), period));
            }
        }
        this.kafkaConfig = kafkaConfig;
        this.believed = new Believed(authenticator, SELF, () -> {});
        this.readiness = new RestoredWorkloads(kubernetes, clock);
        this.actions = new DrillActions(
                new KubernetesActions(kubernetes), config.namespace(), config.variables(), sender, clock);
        this.history = DrillHistory.start(kafkaConfig, believed, config.drills().lookback(), clock, metrics::recorded);
    }

    /** The scheduled drills whose latest period is due, not done and this replica's to run. */
    @Scheduled(
            identity = "drills",
            every = "${mcpdr.coordinator.drills.tick:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!onSchedule || !history.ready()) {
            return;
        }
        Instant now = clock.instant();
        for (DrillDefinition drill : catalog.all()) {
            Optional<Instant> due = CronSchedule.lastDue(drill.schedule(), now, ZoneId.systemDefault());
            if (due.isEmpty()
                    || due.get().isBefore(now.minus(catchUp))
                    || !coordinator.ownership().owns(drill.type().key())) {
                continue;
            }
            String id = scheduledId(drill.type(), due.get());
            if (history.taken(id, now) || running.containsKey(drill.type())) {
                continue;
            }
            try {
                // Another replica may have begun it a moment ago (the drill's partition just moved here).
                history.catchUp(due.get());
            } catch (RuntimeException e) {
                LOG.warnf(
                        "the %s drill of %s waits: %s cannot be read (%s)",
                        drill.type().wireName(), due.get(), Topics.DRILLS, e.getMessage());
                continue;
            }
            if (!history.taken(id, clock.instant())) {
                LOG.infof("%s drill of %s is due", drill.type().wireName(), due.get());
                start(drill.type(), id, "schedule");
            }
        }
    }

    static String scheduledId(DrillType type, Instant due) {
        return type.key() + "-" + due.getEpochSecond();
    }

    /**
     * Starts a drill unless one of its type is running.
     *
     * @return why it was not started; empty when it was
     */
    public Optional<String> start(DrillType type, String id, String requestedBy) {
        Optional<DrillDefinition> drill = catalog.drill(type);
        if (drill.isEmpty()) {
            return Optional.of("no " + type.wireName() + " drill is defined");
        }
        String already = running.putIfAbsent(type, id);
        if (already != null) {
            return Optional.of("the " + type.wireName() + " drill " + already + " is running");
        }
        worker.execute(() -> {
            try {
                if (!announce(drill.get(), id, requestedBy)) {
                    return;
                }
                publish(run(drill.get(), id, requestedBy));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warnf("drill %s stopped with the coordinator; it has no result", id);
            } catch (RuntimeException e) {
                LOG.errorf(e, "drill %s failed unexpectedly", id);
                publish(failed(
                        drill.get(),
                        id,
                        requestedBy,
                        "unexpected " + e.getClass().getSimpleName()));
            } finally {
                running.remove(type);
            }
        });
        return Optional.empty();
    }

    private DrillResult run(DrillDefinition drill, String id, String requestedBy) throws InterruptedException {
        LOG.infof("drill %s (%s) starts, asked by %s", id, drill.type().wireName(), requestedBy);
        return switch (drill.type()) {
            case BACKUP_VERIFICATION ->
                new BackupVerificationDrill(drill, points, this::backup, clock).run(id, requestedBy);
            case FULL -> new FullDrill(drill, points, this::backup, readiness, clock).run(id, requestedBy);
            case SERVICE_RESTART, FAILOVER ->
                new DisruptiveDrill(drill, DisruptiveDrill.phasesOf(drill), actions, clock)
                        .run(
                                id,
                                requestedBy,
                                since -> new DrillWatch(kafkaConfig, drill.target(), believed, since, id));
        };
    }

    private DrillResult failed(DrillDefinition drill, String id, String requestedBy, String reason) {
        Instant now = clock.instant();
        return new DrillResult(
                id,
                drill.type(),
                null,
                requestedBy,
                now,
                now,
                List.of(new DrillStep("start", now, now, false, reason)),
                null,
                null,
                null,
                null,
                false,
                reason,
                List.of());
    }

    /** Sends a command to backup-service and waits for its terminal result. */
    private BackupResult backup(BackupCommand command, Duration timeout) throws InterruptedException, TimeoutException {
        CompletableFuture<BackupResult> result = waiters.expect(command.id());
        try {
            sender.send(new EventEnvelope(
                    command.id(),
                    EventType.BACKUP_REQUESTED,
                    IncidentPublisher.SOURCE,
                    command.kafkaKey(),
                    clock.instant(),
                    command));
            return result.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new TimeoutException(
                    "backup-service did not finish " + command.id() + " within " + timeout.toSeconds() + " s");
        } finally {
            waiters.forget(command.id());
        }
    }

    /**
     * Tells every replica the drill began, before it acts, so none runs the same period meanwhile; and, should
     * another have begun it in the same moment (both owned its partition while it moved), goes on only if its own
     * start is the first on the topic. The starts of one type share a key, so their offsets order them.
     *
     * @return whether this replica runs the drill
     */
    private boolean announce(DrillDefinition drill, String id, String requestedBy) {
        Instant now = clock.instant();
        DrillStart start = new DrillStart(id, drill.type(), requestedBy, now, now.plus(drill.timeout()));
        history.started(start);
        long offset = sender.send(new EventEnvelope(
                        id + ":started",
                        EventType.DRILL_STARTED,
                        IncidentPublisher.SOURCE,
                        drill.type().wireName(),
                        now,
                        start))
                .offset();
        history.catchUp(now.minus(CLOCK_SKEW));
        long first = history.firstStart(id).orElse(offset);
        if (first != offset) {
            LOG.infof("drill %s was begun first by another replica (at offset %d); this one stands down", id, first);
            return false;
        }
        notify(DrillNotices.started(start, targetOf(drill), clock.instant()));
        return true;
    }

    private static String targetOf(DrillDefinition drill) {
        return drill.type() == DrillType.FULL && drill.restoreTo() != null
                ? FullDrill.describe(drill.restoreTo())
                : drill.target();
    }

    /** Announces; a notice that cannot be sent is logged and the drill goes on (it is not the drill's part). */
    private void notify(NotificationRequest request) {
        try {
            sender.send(new EventEnvelope(
                    request.id(),
                    EventType.NOTIFY_REQUESTED,
                    IncidentPublisher.SOURCE,
                    request.incidentId(),
                    request.requestedAt(),
                    request));
        } catch (RuntimeException e) {
            LOG.warnf("the notice %s could not be sent: %s", request.id(), e.getMessage());
        }
    }

    private void publish(DrillResult result) {
        history.ran(result.id());
        metrics.ran(result);
        LOG.infof(
                "drill %s %s%s",
                result.id(), result.passed() ? "passed" : "failed", result.passed() ? "" : ": " + result.reason());
        try {
            sender.send(new EventEnvelope(
                    result.id(),
                    EventType.DRILL_COMPLETED,
                    IncidentPublisher.SOURCE,
                    result.type().wireName(),
                    clock.instant(),
                    result));
        } catch (RuntimeException e) {
            LOG.errorf("the result of drill %s could not be published: %s", result.id(), e.getMessage());
        }
        notify(DrillNotices.completed(result, clock.instant()));
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
        history.close();
    }
}
