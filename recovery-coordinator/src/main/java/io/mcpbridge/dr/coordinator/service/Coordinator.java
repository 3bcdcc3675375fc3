package io.mcpbridge.dr.coordinator.service;

import io.mcpbridge.dr.coordinator.config.CoordinatorConfig;
import io.mcpbridge.dr.coordinator.incident.IncidentBook;
import io.mcpbridge.dr.coordinator.metrics.CoordinatorMetrics;
import io.mcpbridge.dr.coordinator.runbook.Runbook;
import io.mcpbridge.dr.coordinator.runbook.RunbookCatalog;
import io.mcpbridge.dr.coordinator.runbook.Scenario;
import io.mcpbridge.dr.coordinator.runner.RunContext;
import io.mcpbridge.dr.coordinator.runner.RunbookRunner;
import io.mcpbridge.dr.coordinator.runner.StepExecutor;
import io.mcpbridge.dr.coordinator.safety.ActionBudget;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.alert.AlertEvent;
import io.mcpbridge.dr.events.health.TargetHealth;
import io.mcpbridge.dr.events.incident.Incident;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The coordinator's one loop: health events, alerts, commands and timer ticks are handled one at a time on
 * a single thread, so an incident is never moved by two hands. Each change is published to
 * {@code mcp-dr.incidents} (and acknowledged) before anything acts on it; the notifications it calls for go
 * to {@code mcp-dr.commands.notify}.
 */
@ApplicationScoped
public class Coordinator {

    private static final Logger LOG = Logger.getLogger(Coordinator.class);
    static final String SOURCE = "/mcp-dr/recovery-coordinator";

    private final IncidentBook book;
    private final RunbookCatalog runbooks;
    private final RunbookRunner runner;
    private final ActionBudget budget;
    private final EventSender sender;
    private final Clock clock;
    private final boolean dryRun;
    private final CoordinatorMetrics metrics;
    private final Map<String, TargetHealth> latestHealth = new ConcurrentHashMap<>();
    private final Map<String, List<Instant>> actionsByComponent = new ConcurrentHashMap<>();
    private final Map<String, io.mcpbridge.dr.events.backup.BackupResult> backupResults = new ConcurrentHashMap<>();
    private final ExecutorService loop = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "coordinator");
        thread.setDaemon(true);
        return thread;
    });

    public Coordinator(IncidentBook book, RunbookCatalog runbooks, StepExecutor executor, ActionBudget budget,
            EventSender sender, Clock clock, CoordinatorConfig config, CoordinatorMetrics metrics,
            @io.smallrye.common.annotation.Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.book = book;
        this.runbooks = runbooks;
        this.budget = budget;
        this.sender = sender;
        this.clock = clock;
        this.dryRun = config.dryRun();
        this.metrics = metrics;
        this.runner = new RunbookRunner(executor, budget, this::publish, clock);
        // First task of the loop, before any event: what is open, which steps ran, which actions count.
        loop.submit(() -> {
            try {
                int read = IncidentHistory.load(kafkaConfig, Duration.ofMinutes(2), incident -> {
                    book.restore(incident);
                    remember(incident);
                });
                LOG.infof("%d incidents read back from %s", read, io.mcpbridge.dr.events.Topics.INCIDENTS);
            } catch (RuntimeException e) {
                LOG.errorf("incidents could not be read back, open ones are not resumed: %s", e.getMessage());
            }
        });
    }

    public void onHealth(TargetHealth health, boolean transition) {
        onLoop(() -> {
            latestHealth.put(health.component(), health);
            IncidentBook.Change change = book.onHealth(health, transition);
            if (change.incident().isPresent()) {
                publish(change.incident().get());
            }
            book.current(health.component()).ifPresent(this::run);
            return null;
        });
    }

    public void onAlert(AlertEvent alert) {
        onLoop(() -> {
            IncidentBook.Change change = book.onAlert(alert);
            if (change.incident().isPresent()) {
                publish(change.incident().get());
                book.current(alert.component()).ifPresent(this::run);
            }
            return null;
        });
    }

    /**
     * A terminal result of a backup-service command this coordinator issued ({@code <incident id>:<step>}):
     * the incident waiting for it moves on.
     */
    public void onBackupResult(io.mcpbridge.dr.events.backup.BackupResult result) {
        String commandId = result.commandId();
        int stepAt = commandId.lastIndexOf(':');
        if (!commandId.startsWith("inc-") || stepAt < 0) {
            return; // not one of ours
        }
        String incidentId = commandId.substring(0, stepAt);
        onLoop(() -> {
            backupResults.put(commandId, result);
            book.components().stream().map(book::current).flatMap(java.util.Optional::stream)
                    .filter(incident -> incident.id().equals(incidentId)).findFirst().ifPresent(this::run);
            return null;
        });
    }

    /** Opens an incident an engineer asked for, then runs it. */
    public IncidentBook.Change openManual(String component, Scenario scenario, io.mcpbridge.dr.events.alert.Severity severity,
            String summary, String requestedBy, boolean confirmed) {
        return onLoop(() -> {
            IncidentBook.Change change = book.openManual(component, scenario, severity, summary, requestedBy, confirmed);
            change.incident().ifPresent(incident -> run(publish(incident)));
            return change;
        });
    }

    /** Runs a change to an incident (a manual command) on the loop, then moves the incident on. */
    public void change(String component, java.util.function.Function<Incident, Incident> change) {
        onLoop(() -> {
            book.current(component).ifPresent(incident -> {
                Incident changed = publish(change.apply(incident));
                run(changed);
            });
            return null;
        });
    }

    /** Moves every open incident on: verification deadlines, cooldowns. */
    @Scheduled(every = "${mcpdr.coordinator.tick}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        for (String component : components()) {
            onLoop(() -> {
                book.current(component).ifPresent(this::run);
                return null;
            });
        }
    }

    public java.util.Optional<Incident> current(String component) {
        return book.current(component);
    }

    /** Open incidents are moved on by ticks too, also those read back from the topic. */
    private java.util.Set<String> components() {
        java.util.Set<String> all = new java.util.HashSet<>(latestHealth.keySet());
        all.addAll(book.components());
        return all;
    }

    private void run(Incident incident) {
        if (!incident.state().automated()) {
            return;
        }
        Runbook runbook = runbooks.runbook(Scenario.ofFileName(incident.scenario()));
        boolean confirmed = incident.timeline().stream()
                .anyMatch(entry -> entry.step().equals("command") && entry.outcome().equals("confirmed"));
        try {
            runner.advance(incident, runbook, new RunContext(Map.copyOf(latestHealth),
                    recentActions(incident.component()), confirmed, dryRun, clock.instant(), Map.copyOf(backupResults)));
        } catch (IllegalStateException e) {
            LOG.errorf("incident %s could not be moved on: %s", incident.id(), e.getMessage());
        }
    }

    /** Publishes an incident version, then its notifications; only then may anything act on it. */
    Incident publish(Incident incident) {
        // The book still holds the previous version (or, for an incident it just opened or folded, this one).
        Incident before = incident.version() == 1 ? null
                : book.current(incident.component()).filter(known -> known.id().equals(incident.id())).orElse(incident);
        sender.send(new EventEnvelope(incident.id() + ":" + incident.version(), EventType.INCIDENT_UPDATED, SOURCE,
                incident.id(), clock.instant(), incident));
        book.update(incident);
        remember(incident);
        metrics.changed(before, incident);
        Notices.forChange(before, incident, clock.instant())
                .ifPresent(request -> sender.send(new EventEnvelope(request.id(), EventType.NOTIFY_REQUESTED, SOURCE,
                        request.incidentId(), request.requestedAt(), request)));
        return incident;
    }

    private void remember(Incident incident) {
        actionsByComponent.merge(incident.component(), new ArrayList<>(incident.automatedActions()), (known, more) -> {
            List<Instant> all = new ArrayList<>(known);
            more.stream().filter(time -> !all.contains(time)).forEach(all::add);
            Instant horizon = clock.instant().minus(budget.window());
            all.removeIf(time -> time.isBefore(horizon));
            return all;
        });
    }

    private List<Instant> recentActions(String component) {
        return List.copyOf(actionsByComponent.getOrDefault(component, List.of()));
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
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the coordinator loop is stuck");
        }
    }

    @PreDestroy
    void stop() {
        loop.shutdownNow();
    }
}
