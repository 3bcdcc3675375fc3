package io.mcpbridge.dr.coordinator.loop;

import io.mcpbridge.dr.coordinator.config.CoordinatorConfig;
import io.mcpbridge.dr.coordinator.drill.BackupWaiters;
import io.mcpbridge.dr.coordinator.history.BackupCatalogFollower;
import io.mcpbridge.dr.coordinator.history.BackupResultsFollower;
import io.mcpbridge.dr.coordinator.history.Believed;
import io.mcpbridge.dr.coordinator.history.HistoryReplay;
import io.mcpbridge.dr.coordinator.incident.IncidentBook;
import io.mcpbridge.dr.coordinator.incident.ManualRun;
import io.mcpbridge.dr.coordinator.incident.RecoveryPoints;
import io.mcpbridge.dr.coordinator.metrics.CoordinatorMetrics;
import io.mcpbridge.dr.coordinator.notice.Notices;
import io.mcpbridge.dr.coordinator.publish.IncidentPublisher;
import io.mcpbridge.dr.coordinator.runbook.Runbook;
import io.mcpbridge.dr.coordinator.runbook.RunbookCatalog;
import io.mcpbridge.dr.coordinator.runbook.Scenario;
import io.mcpbridge.dr.coordinator.runner.CommandIds;
import io.mcpbridge.dr.coordinator.runner.RunContext;
import io.mcpbridge.dr.coordinator.runner.RunbookRunner;
import io.mcpbridge.dr.coordinator.runner.StepExecutor;
import io.mcpbridge.dr.coordinator.safety.ActionBudget;
import io.mcpbridge.dr.coordinator.safety.ActionMemory;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.alert.AlertEvent;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.health.TargetHealth;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.StepOutcome;
import io.mcpbridge.dr.events.incident.TimelineEntry;
import io.mcpbridge.dr.events.kafka.PartitionOwnership;
import io.mcpbridge.dr.events.trust.RecordAuthenticator;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The coordinator's one loop: health events, alerts, commands, backup results and timer ticks are handled
 * one at a time on a single thread, so an incident is never moved by two hands. Each change is published to
 * {@code mcp-dr.incidents} (and acknowledged) before anything acts on it; the notifications it calls for go
 * to {@code mcp-dr.commands.notify}.
 *
 * <p>Replicas split the components by partition ({@link PartitionOwnership}): an instance acts only on the
 * components of the partitions assigned to it. On every assignment it reads their open incidents back from
 * {@code mcp-dr.incidents} before handling any event; a revocation waits for the step in hand to end, so
 * the next owner never finds an action half-done by a live instance.
 */
// Started with the application: it follows backup results and the catalog from the start, not from its first use.
@Startup
@ApplicationScoped
public class Coordinator {

    private static final Logger LOG = Logger.getLogger(Coordinator.class);

    private final IncidentBook book;
    private final RunbookCatalog runbooks;
    private final RunbookRunner runner;
    private final StepExecutor executor;
    private final IncidentPublisher publisher;
    private final ActionMemory actions;
    private final HistoryReplay history;
    private final Clock clock;
    private final boolean dryRun;
    private final CoordinatorMetrics metrics;
    private final Map<String, TargetHealth> latestHealth = new ConcurrentHashMap<>();
    private final Map<String, BackupResult> backupResults = new ConcurrentHashMap<>();
    private final BackupResultsFollower backupResultsFollower;
    private final BackupCatalogFollower backupCatalogFollower;
    private final BackupWaiters waiters;
    private final RecoveryPoints recoveryPoints;
    private volatile PartitionOwnership ownership = PartitionOwnership.NONE;
    private volatile boolean assigned;
    private final ExecutorService loop = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "coordinator");
        thread.setDaemon(true);
        return thread;
    });

    public Coordinator(
            IncidentBook book,
            RunbookCatalog runbooks,
            StepExecutor executor,
            ActionBudget budget,
            IncidentPublisher publisher,
            ActionMemory actions,
            HistoryReplay history,
            Clock clock,
            CoordinatorConfig config,
            CoordinatorMetrics metrics,
            RecoveryPoints recoveryPoints,
            RecordAuthenticator authenticator,
            BackupWaiters waiters,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.book = book;
        this.waiters = waiters;
        this.recoveryPoints = recoveryPoints;
        metrics.watch(recoveryPoints);
        metrics.watch(book, clock);
        this.runbooks = runbooks;
        this.publisher = publisher;
        this.actions = actions;
        this.history = history;
        this.clock = clock;
        this.dryRun = config.dryRun();
        this.metrics = metrics;
        this.executor = executor;
        this.runner = new RunbookRunner(executor, budget, publisher::publish, clock);
        executor.onHostCommandFinished(this::onHostCommandFinished);
        this.backupResultsFollower = BackupResultsFollower.start(
                kafkaConfig,
                config.backupResultsLookback(),
                clock,
                new Believed(authenticator, config.backupSigner(), metrics::refusedResult),
                this::onBackupResult);
        this.backupCatalogFollower = BackupCatalogFollower.start(
                kafkaConfig,
                new Believed(authenticator, config.backupSigner(), metrics::refusedCatalogRecord),
                recoveryPoints::record,
                recoveryPoints::forget,
                recoveryPoints::policy);
    }

    /**
     * The partitions assigned to this instance changed (called on the consumer's thread, before any record
     * of them is handled): drops what it no longer owns and reads back what it owns ({@link HistoryReplay}).
     *
     * @throws IllegalStateException when the history cannot be read: acting without it could repeat a step,
     *                               so the signal channel fails and the instance is restarted
     */
    public void own(PartitionOwnership next) {
        onLoop(() -> {
            latestHealth.keySet().removeIf(component -> !next.owns(component));
            HistoryReplay.Replayed replayed = history.replay(next);
            ownership = next;
            assigned = true;
            LOG.infof(
                    "partitions %s owned; %d incidents read back from %s, %d open here; %d maintenance commands "
                            + "replayed",
                    next,
                    replayed.incidentsRead(),
                    Topics.INCIDENTS,
                    book.components().size(),
                    replayed.maintenanceCommands());
            return null;
        });
    }

    /**
     * The partitions were taken away: nothing is acted on until the next assignment, and host commands still
     * running here are stopped. Waits for the step in hand.
     */
    public void release() {
        onLoop(() -> {
            ownership = PartitionOwnership.NONE;
            int stopped = executor.stopHostCommands("this instance's partitions were taken away");
            if (stopped > 0) {
                LOG.warnf("%d host command(s) stopped: the partitions they acted for were taken away", stopped);
            }
            return null;
        });
    }

    /** Whether this instance has its assignment and has read its incidents back: ready to act. */
    public boolean ready() {
        return assigned;
    }

    public PartitionOwnership ownership() {
        return ownership;
    }

    public void onHealth(TargetHealth health, boolean transition) {
        onLoop(() -> {
            if (ownership.owns(health.component())) {
                latestHealth.put(health.component(), health);
                IncidentBook.Change change = book.onHealth(health, transition);
                change.incident().ifPresent(publisher::publish);
                if (transition) {
                    Notices.forHealth(health, clock.instant()).ifPresent(publisher::notice);
                }
                book.current(health.component()).ifPresent(this::run);
            } // else another instance's, or a record fetched before a revocation
            metrics.signal("health");
            return null;
        });
    }

    public void onAlert(AlertEvent alert) {
        onLoop(() -> {
            if (ownership.owns(alert.component())) {
                IncidentBook.Change change = book.onAlert(alert);
                if (change.incident().isPresent()) {
                    publisher.publish(change.incident().get());
                    book.current(alert.component()).ifPresent(this::run);
                } else {
                    // Too mild for an incident, yet someone should know (an overdue drill, a stale backup).
                    Notices.forAlert(alert, clock.instant()).ifPresent(publisher::notice);
                }
            }
            metrics.signal("alert");
            return null;
        });
    }

    /**
     * A terminal result from backup-service: a result of a command this coordinator issued ({@link CommandIds})
     * moves the incident waiting for it on. Recovery points come from the catalog ({@link RecoveryPoints}).
     */
    void onBackupResult(BackupResult result) {
        waiters.offer(result);
        if (CommandIds.incidentOf(result.commandId()).isPresent()) {
            onLoop(() -> {
                backupResults.put(result.commandId(), result);
                moveOn(result.commandId());
                return null;
            });
        }
    }

    /** A host command a step started ended (on its own thread): the incident waiting for it moves on. */
    private void onHostCommandFinished(String commandId) {
        try {
            onLoop(() -> {
                moveOn(commandId);
                return null;
            });
        } catch (IllegalStateException e) {
            LOG.errorf(
                    "host command %s ended but its incident could not be moved on now: %s", commandId, e.getMessage());
        }
    }

    /** Runs the owned incident a command id of {@link CommandIds} belongs to; on the loop. */
    private void moveOn(String commandId) {
        CommandIds.incidentOf(commandId)
                .ifPresent(incidentId -> book.components().stream()
                        .filter(ownership::owns)
                        .map(book::current)
                        .flatMap(Optional::stream)
                        .filter(incident -> incident.id().equals(incidentId))
                        .findFirst()
                        .ifPresent(this::run));
    }

    /** Starts a runbook an engineer asked for (see {@link IncidentBook#openManual}), then runs it. */
    public IncidentBook.Change openManual(ManualRun manual) {
        return onLoop(() -> {
            if (!ownership.owns(manual.component())) {
                return IncidentBook.Change.notOwned(manual.component());
            }
            IncidentBook.Change change = book.openManual(manual);
            change.incident().ifPresent(incident -> run(publisher.publish(incident)));
            return change;
        });
    }

    /**
     * Runs a change to the component's incident (a manual command) on the loop, then moves the incident on;
     * the changed incident, or empty when the component has none here.
     */
    public Optional<Incident> change(String component, Function<Incident, Incident> change) {
        return onLoop(() -> book.current(component)
                .filter(incident -> ownership.owns(component))
                .map(incident -> {
                    Incident changed = publisher.publish(change.apply(incident));
                    run(changed);
                    return changed;
                }));
    }

    /** Moves every open incident on: verification deadlines, cooldowns. */
    @Scheduled(every = "${mcpdr.coordinator.tick}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            for (String component : components()) {
                onLoop(() -> {
                    // Checked on the loop: the partitions may have moved since the tick began.
                    if (ownership.owns(component)) {
                        book.current(component).ifPresent(this::run);
                    }
                    return null;
                });
            }
        } catch (RejectedExecutionException stopping) {
            // A tick the scheduler fired as the service stops, after the loop did: the next owner moves them on.
            LOG.debug("tick skipped: the coordinator is stopping");
        }
    }

    public Optional<Incident> current(String component) {
        return book.current(component);
    }

    /** The runbook the plan's master script picks for a component said to be failing. */
    public Scenario masterScriptChoice(String component) {
        return book.strategyFor(component);
    }

    /** Open incidents are moved on by ticks too, also those read back from the topic. */
    private Set<String> components() {
        Set<String> all = new HashSet<>(latestHealth.keySet());
        all.addAll(book.components());
        return all;
    }

    private void run(Incident incident) {
        if (!incident.state().automated()) {
            return;
        }
        Runbook runbook = runbooks.runbook(Scenario.ofFileName(incident.scenario()));
        boolean requested = commanded(incident, StepOutcome.REQUESTED);
        boolean confirmed = commanded(incident, StepOutcome.CONFIRMED);
        boolean dry = dryRun || commanded(incident, StepOutcome.DRY_RUN);
        try {
            runner.advance(
                    incident,
                    runbook,
                    new RunContext(
                            Map.copyOf(latestHealth),
                            actions.recent(incident.component()),
                            requested,
                            confirmed,
                            dry,
                            clock.instant(),
                            Map.copyOf(backupResults),
                            recoveryPoints::takenAt));
        } catch (IllegalStateException e) {
            LOG.errorf("incident %s could not be moved on: %s", incident.id(), e.getMessage());
        }
    }

    /**
     * Whether a command left this mark (its request, a confirmation, a dry run) for the runbook run in hand:
     * marks before the run's start belong to an earlier command, so neither an old confirmation nor an old dry run carries over
     * to the run an engineer starts next.
     */
    static boolean commanded(Incident incident, StepOutcome outcome) {
        return RunbookRunner.currentRun(incident).stream()
                .anyMatch(entry -> entry.step().equals(TimelineEntry.COMMAND) && entry.outcome() == outcome);
    }

    private <T> T onLoop(Supplier<T> work) {
        Future<T> result = loop.submit(work::get);
        try {
            return result.get(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the coordinator loop is stuck");
        }
    }

    @PreDestroy
    void stop() {
        backupResultsFollower.close();
        backupCatalogFollower.close();
        loop.shutdownNow();
    }
}
