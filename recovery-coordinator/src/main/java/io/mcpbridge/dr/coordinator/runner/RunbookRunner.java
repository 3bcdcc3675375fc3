package io.mcpbridge.dr.coordinator.runner;

import io.mcpbridge.dr.coordinator.action.ActionResult;
import io.mcpbridge.dr.coordinator.incident.IncidentBook;
import io.mcpbridge.dr.coordinator.incident.Incidents;
import io.mcpbridge.dr.coordinator.runbook.OnFailure;
import io.mcpbridge.dr.coordinator.runbook.OnSuccess;
import io.mcpbridge.dr.coordinator.runbook.Runbook;
import io.mcpbridge.dr.coordinator.runbook.Step;
import io.mcpbridge.dr.coordinator.runbook.StepAction;
import io.mcpbridge.dr.coordinator.safety.ActionBudget;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupPhase;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.events.health.TargetHealth;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.incident.StepOutcome;
import io.mcpbridge.dr.events.incident.TimelineEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Moves an incident through its runbook, as far as it can go now; called again on every health event and
 * on a timer. Where it is comes from the incident's own timeline (the last step entry), so any instance
 * can pick an incident up from {@code mcp-dr.incidents}. Crash safety: a step is published as
 * {@code started} before it runs and as {@code succeeded}/{@code failed} after; an instance that finds a
 * step started but not ended checks whether it took effect (a restart leaves its annotation) and records
 * that instead of running it again; where that cannot be told, the step counts as failed and the runbook's
 * fallback or escalation follows. Safety rails, in order, before any action: the action budget (cooldown,
 * at most N per hour, then escalate), confirmation of destructive steps, a health re-check (a component
 * healthy again is not acted on), dry run.
 */
public final class RunbookRunner {

    /** How long a failed step waits before its next attempt (a step's {@code retries}). */
    static final Duration RETRY_DELAY = Duration.ofSeconds(10);

    private final StepExecutor executor;
    private final ActionBudget budget;
    private final UnaryOperator<Incident> publish;
    private final Clock clock;

    /**
     * @param publish publishes an incident version durably and returns it; throws when it cannot, and the
     *                runner stops there (the next call resumes from what was published)
     */
    public RunbookRunner(StepExecutor executor, ActionBudget budget, UnaryOperator<Incident> publish, Clock clock) {
        this.executor = executor;
        this.budget = budget;
        this.publish = publish;
        this.clock = clock;
    }

    /** Runs what can run now; returns the incident as last published. */
    public Incident advance(Incident incident, Runbook runbook, RunContext context) {
        Incident current = incident;
        for (int guard = 0;
                guard < runbook.steps().size() * 3 + 3 && current.state().automated();
                guard++) {
            Position position = Position.of(current, runbook);
            Incident next = move(current, runbook, position, context);
            if (next == current) {
                return current; // waiting: verification in progress, or a cooldown
            }
            current = next;
        }
        return current;
    }

    private Incident move(Incident incident, Runbook runbook, Position position, RunContext context) {
        Instant now = context.now();
        if (position.index() >= runbook.steps().size()) {
            return publish.apply(Incidents.advance(
                    incident,
                    IncidentState.RESOLVED,
                    new TimelineEntry(now, TimelineEntry.RUNBOOK, StepOutcome.INFO, "every step done")));
        }
        Step step = runbook.steps().get(position.index());
        return switch (position.phase()) {
            case PENDING -> start(incident, runbook, step, context);
            case RUNNING ->
                step.action() == StepAction.VERIFY
                        ? verify(incident, step, position.at(), context)
                        : awaitsResult(step)
                                ? awaitResult(incident, step, position.at(), context)
                                : resume(incident, step, position.at(), context);
            case RETRY_WAIT ->
                now.isBefore(position.at().plus(RETRY_DELAY)) ? incident : start(incident, runbook, step, context);
            case DONE -> afterSuccess(incident, step, now);
            case FAILED -> afterFailure(incident, step, now);
        };
    }

    private Incident start(Incident incident, Runbook runbook, Step step, RunContext context) {
        Instant now = context.now();
        if (!executor.shouldRun(step, incident)) {
            return note(incident, now, step, StepOutcome.SKIPPED, "${" + step.when() + "} is not set: not needed here");
        }
        if (step.action() == StepAction.VERIFY) {
            return publish.apply(Incidents.advance(
                    incident,
                    IncidentState.VERIFYING,
                    entry(
                            now,
                            step,
                            StepOutcome.STARTED,
                            "waiting for " + incident.component() + " to be healthy: "
                                    + step.parameters().get("attempts") + " x "
                                    + step.parameters().get("interval"))));
        }
        if (step.action() == StepAction.ESCALATE) {
            return escalate(incident, now, "the runbook escalates at " + step.name());
        }
        if (step.needsConfirmation() && !context.confirmed()) {
            return escalate(
                    Incidents.note(
                            incident,
                            entry(
                                    now,
                                    step,
                                    StepOutcome.REFUSED,
                                    step.action().fileName() + " is destructive and needs a confirmed manual command")),
                    now,
                    "confirmation needed for " + step.name());
        }
        // A run people asked for (a runbook only they start, or any runbook by command) is theirs: the
        // automated-action budget, which stops automation from looping, neither holds it nor counts its actions.
        boolean theirs = runbook.manualOnly() || context.requested();
        ActionBudget.Decision decision = theirs
                ? ActionBudget.Decision.ALLOWED_NOW
                : budget.check(
                        context.recentActions(),
                        now,
                        !incident.automatedActions().isEmpty());
        if (decision.verdict() == ActionBudget.Verdict.EXHAUSTED) {
            return escalate(incident, now, decision.reason());
        }
        if (decision.verdict() == ActionBudget.Verdict.COOLING_DOWN) {
            return incident;
        }
        // A component that recovered by itself is not acted on. Not for a run people asked for (a breach or
        // corrupted data is not a health failure: the probes answer throughout), nor for a notification.
        // Nor once a verification of this run found the data gone: a healthy answer is not enough there (a Redis
        // that restarted empty).
        Optional<TargetHealth> health = context.health(incident.component());
        if (!theirs
                && step.action() != StepAction.NOTIFY
                && !dataFoundGone(incident, runbook)
                && health.isPresent()
                && health.get().state() == HealthState.UP
                && health.get().observedAt().isAfter(incident.detectedAt())) {
            if (incident.parameters().containsKey(IncidentBook.ALERT)) {
                // Prometheus sees what the probes do not (error rates, latency): the alert is not dismissed
                // because the probes answer, and nothing is done to a component that looks healthy. People decide;
                // the incident resolves when the alert does.
                Incident skipped = note(
                        incident,
                        now,
                        step,
                        StepOutcome.SKIPPED,
                        incident.component() + " answers its probes as healthy while the alert fires: "
                                + step.action().fileName() + " not run automatically");
                return escalate(
                        skipped,
                        now,
                        "the alert contradicts the probes: people decide; the incident "
                                + "resolves when the alert resolves");
            }
            return publish.apply(Incidents.advance(
                    incident,
                    IncidentState.RESOLVED,
                    entry(now, step, StepOutcome.SKIPPED, incident.component() + " is healthy again: nothing done")));
        }
        if (context.dryRun()) {
            return note(
                    incident,
                    now,
                    step,
                    StepOutcome.SUCCEEDED,
                    "dry run: would " + step.action().fileName() + " " + step.parameters());
        }
        Incident started = publish.apply(Incidents.actionStarted(
                incident,
                entry(now, step, StepOutcome.STARTED, step.action().fileName() + " " + step.parameters()),
                !theirs));
        ActionResult result = executor.execute(step, started);
        if (result.pending()) {
            return note(started, afterAction(context), step, StepOutcome.REQUESTED, result.detail());
        }
        return note(
                started,
                afterAction(context),
                step,
                result.succeeded() ? StepOutcome.SUCCEEDED : StepOutcome.FAILED,
                result.detail());
    }

    private Incident verify(Incident incident, Step step, Instant since, RunContext context) {
        Optional<TargetHealth> health = context.health(incident.component());
        if (health.isPresent()
                && health.get().state() == HealthState.UP
                && !health.get().observedAt().isBefore(since)) {
            String up = incident.component() + " UP at " + health.get().observedAt();
            if (!"true".equals(step.parameters().get("requireSessions"))) {
                return note(incident, context.now(), step, StepOutcome.SUCCEEDED, up);
            }
            // A store that restarted empty answers as healthy as a full one: only its data tells them apart.
            Optional<ActionResult> sessions = executor.sessions(step);
            if (sessions.isEmpty()) {
                return note(
                        incident,
                        context.now(),
                        step,
                        StepOutcome.SUCCEEDED,
                        up + "; sessions not checked: no session store is configured (mcpdr.coordinator.redis.url)");
            }
            return note(
                    incident,
                    context.now(),
                    step,
                    sessions.get().succeeded() ? StepOutcome.SUCCEEDED : StepOutcome.FAILED,
                    up + ", "
                            + (sessions.get().succeeded()
                                    ? sessions.get().detail()
                                    : "but its data is gone: " + sessions.get().detail()));
        }
        Duration window = Duration.parse(step.parameters().get("interval"))
                .multipliedBy(Long.parseLong(step.parameters().get("attempts")));
        if (!context.now().isBefore(since.plus(window))) {
            return note(
                    incident,
                    context.now(),
                    step,
                    StepOutcome.FAILED,
                    incident.component() + " not healthy within " + window.toSeconds() + " s");
        }
        return incident;
    }

    private static boolean awaitsResult(Step step) {
        return step.action() == StepAction.RESTORE_BACKUP
                || step.action() == StepAction.FORENSIC_SNAPSHOT
                || step.action() == StepAction.SHELL;
    }

    /** A step whose work backup-service does: done when its result arrives, failed when none came in time. */
    private Incident awaitResult(Incident incident, Step step, Instant since, RunContext context) {
        if (step.action() == StepAction.SHELL) {
            return awaitHost(incident, step, since, context);
        }
        BackupResult result = context.backupResults().get(CommandIds.of(incident, step));
        if (result != null) {
            boolean ok = result.phase() == BackupPhase.SUCCEEDED;
            if (ok && result.action() == BackupAction.RESTORE) {
                incident = restoredFrom(incident, result.backupId(), context);
            }
            return note(
                    incident,
                    context.now(),
                    step,
                    ok ? StepOutcome.SUCCEEDED : StepOutcome.FAILED,
                    ok
                            ? "backup-service: "
                                    + result.action().name().toLowerCase() + " of " + result.backupId()
                                    + " succeeded " + result.counts()
                            : "backup-service: " + result.reason());
        }
        if (!context.now().isBefore(since.plus(step.timeout()))) {
            return note(
                    incident,
                    context.now(),
                    step,
                    StepOutcome.FAILED,
                    "no result from backup-service within " + step.timeout().toMinutes() + " min");
        }
        return incident;
    }

    /**
     * The data the incident got back is as old as the backup restored, which need not be the newest one it was
     * stamped with at detection ({@code latest} prefers a verified backup to a newer unverified one): its RPO
     * counts from the backup restored, when the catalog knows when that one started.
     */
    private static Incident restoredFrom(Incident incident, String backupId, RunContext context) {
        if (backupId == null || backupId.equals(incident.lastBackupId())) {
            return incident;
        }
        return context.backupTakenAt()
                .apply(backupId)
                .map(taken -> {
                    Duration age = Duration.between(taken, incident.detectedAt());
                    return incident.withRecoveryPoint(age.isNegative() ? Duration.ZERO : age, backupId);
                })
                .orElse(incident);
    }

    /**
     * A host command runs off the loop and is killed at the step's timeout, so its result always comes to the
     * instance that started it. Another instance (after a crash or a move of the partitions) has none and
     * cannot tell whether it ran: counted as failed, never repeated blindly, and only once the command's
     * timeout has passed, so the fallback never runs beside a command that may still be running (a crashed
     * instance's child process outlives it).
     */
    private Incident awaitHost(Incident incident, Step step, Instant since, RunContext context) {
        Optional<ActionResult> result = executor.hostResult(step, incident);
        if (result.isPresent()) {
            Incident recorded = note(
                    incident,
                    afterAction(context),
                    step,
                    result.get().succeeded() ? StepOutcome.SUCCEEDED : StepOutcome.FAILED,
                    result.get().detail());
            executor.forgetHostResult(step, incident);
            return recorded;
        }
        if (!executor.ranHere(step, incident)) {
            if (context.now().isBefore(since.plus(step.timeout()))) {
                return incident; // it may still be running where it was started
            }
            return note(
                    incident,
                    context.now(),
                    step,
                    StepOutcome.FAILED,
                    "outcome unknown: the host command ran on another instance or before a restart, and its "
                            + step.timeout().toSeconds() + " s timeout has passed; not repeated blindly");
        }
        return incident; // still running
    }

    /**
     * A step found started but not ended: this instance took over from one that stopped mid-step. Done:
     * recorded, not repeated. Known not done: run now. Unknown: counted as failed, never repeated blindly.
     */
    private Incident resume(Incident incident, Step step, Instant startedAt, RunContext context) {
        Optional<Boolean> tookEffect = executor.tookEffect(step, incident, startedAt);
        if (tookEffect.isEmpty()) {
            return note(
                    incident,
                    context.now(),
                    step,
                    StepOutcome.FAILED,
                    "outcome unknown after the coordinator restarted; not repeated blindly");
        }
        if (tookEffect.get()) {
            return note(
                    incident,
                    context.now(),
                    step,
                    StepOutcome.SUCCEEDED,
                    "found done after the coordinator restarted; not repeated");
        }
        ActionResult result = executor.execute(step, incident);
        return note(
                incident,
                context.now(),
                step,
                result.succeeded() ? StepOutcome.SUCCEEDED : StepOutcome.FAILED,
                "found not done after the coordinator restarted, so run: " + result.detail());
    }

    /** When an action ended: it took time, and the timeline shows how much. */
    private Instant afterAction(RunContext context) {
        Instant now = clock.instant();
        return now.isAfter(context.now()) ? now : context.now();
    }

    private Incident afterSuccess(Incident incident, Step step, Instant now) {
        if (step.onSuccess() == OnSuccess.RESOLVE) {
            return publish.apply(Incidents.advance(
                    incident,
                    IncidentState.RESOLVED,
                    new TimelineEntry(now, step.name(), StepOutcome.RESOLVED, incident.component() + " recovered")));
        }
        return publish.apply(Incidents.advance(
                incident,
                IncidentState.RECOVERING,
                new TimelineEntry(now, step.name(), StepOutcome.NEXT, "on to the next step")));
    }

    private Incident afterFailure(Incident incident, Step step, Instant now) {
        long failures = failuresOfThisRun(incident, step);
        if (failures <= step.retries()) {
            return publish.apply(Incidents.note(
                    incident,
                    new TimelineEntry(
                            now,
                            step.name(),
                            StepOutcome.RETRY,
                            "attempt " + (failures + 1) + " of " + (step.retries() + 1) + " in "
                                    + RETRY_DELAY.toSeconds() + " s")));
        }
        if (step.onFailure() == OnFailure.NEXT) {
            return publish.apply(Incidents.advance(
                    incident,
                    IncidentState.RECOVERING,
                    new TimelineEntry(now, step.name(), StepOutcome.NEXT, "falling back to the next step")));
        }
        return escalate(incident, now, step.name() + " failed");
    }

    /** Whether a verification of the run in hand that requires sessions failed. */
    private static boolean dataFoundGone(Incident incident, Runbook runbook) {
        return currentRun(incident).stream()
                .anyMatch(entry -> entry.outcome() == StepOutcome.FAILED
                        && runbook.steps().stream()
                                .anyMatch(step -> step.action() == StepAction.VERIFY
                                        && "true".equals(step.parameters().get("requireSessions"))
                                        && step.name().equals(entry.step())));
    }

    /** How often the step failed since its runbook began on this incident. */
    static long failuresOfThisRun(Incident incident, Step step) {
        return currentRun(incident).stream()
                .filter(entry -> entry.step().equals(step.name()) && entry.outcome() == StepOutcome.FAILED)
                .count();
    }

    /**
     * The timeline of the runbook run in hand: from the last time an engineer started a runbook on the incident,
     * or all of it when nobody did. What a run decides (confirmation, dry run, attempts) is read from here only.
     */
    public static List<TimelineEntry> currentRun(Incident incident) {
        List<TimelineEntry> timeline = incident.timeline();
        for (int i = timeline.size() - 1; i >= 0; i--) {
            if (isRunStart(timeline.get(i))) {
                return timeline.subList(i, timeline.size());
            }
        }
        return timeline;
    }

    /** Which run of a runbook this is on the incident: 0 for the first, automatic one, then one per hand-over. */
    static long runNumber(Incident incident) {
        return incident.timeline().stream().filter(RunbookRunner::isRunStart).count();
    }

    private static boolean isRunStart(TimelineEntry entry) {
        return entry.step().equals(TimelineEntry.RUNBOOK) && entry.outcome() == StepOutcome.STARTED;
    }

    private Incident escalate(Incident incident, Instant now, String reason) {
        return publish.apply(Incidents.advance(
                incident,
                IncidentState.ESCALATED,
                new TimelineEntry(now, TimelineEntry.ESCALATE, StepOutcome.INFO, reason)));
    }

    /** Publishes the step's outcome on the incident's timeline; returns the incident as published. */
    private Incident note(Incident incident, Instant at, Step step, StepOutcome outcome, String detail) {
        return publish.apply(Incidents.note(incident, entry(at, step, outcome, detail)));
    }

    private static TimelineEntry entry(Instant now, Step step, StepOutcome outcome, String detail) {
        return new TimelineEntry(now, step.name(), outcome, detail);
    }

    /** Where an incident is in its runbook, read from its timeline. */
    record Position(int index, Phase phase, Instant at) {

        enum Phase {
            PENDING,
            RUNNING,
            RETRY_WAIT,
            DONE,
            FAILED
        }

        static Position of(Incident incident, Runbook runbook) {
            List<TimelineEntry> timeline = incident.timeline();
            for (int i = timeline.size() - 1; i >= 0; i--) {
                TimelineEntry entry = timeline.get(i);
                if (entry.step().equals(TimelineEntry.RUNBOOK) && entry.outcome() == StepOutcome.STARTED) {
                    return new Position(0, Phase.PENDING, entry.time()); // what came before was another runbook's
                }
                int index = indexOf(runbook, entry.step());
                if (index < 0) {
                    continue;
                }
                return switch (entry.outcome()) {
                    case STARTED, REQUESTED -> new Position(index, Phase.RUNNING, entry.time());
                    case SUCCEEDED -> new Position(index, Phase.DONE, entry.time());
                    case FAILED -> new Position(index, Phase.FAILED, entry.time());
                    case RETRY -> new Position(index, Phase.RETRY_WAIT, entry.time());
                    case NEXT, SKIPPED, REFUSED, RESOLVED -> new Position(index + 1, Phase.PENDING, entry.time());
                    default -> new Position(index, Phase.PENDING, entry.time());
                };
            }
            return new Position(0, Phase.PENDING, incident.detectedAt());
        }

        private static int indexOf(Runbook runbook, String name) {
            for (int i = 0; i < runbook.steps().size(); i++) {
                if (runbook.steps().get(i).name().equals(name)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
