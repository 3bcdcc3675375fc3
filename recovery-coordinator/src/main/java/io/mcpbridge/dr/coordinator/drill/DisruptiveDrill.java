package io.mcpbridge.dr.coordinator.drill;

import io.mcpbridge.dr.coordinator.action.ActionResult;
import io.mcpbridge.dr.events.command.CommandOutcome;
import io.mcpbridge.dr.events.drill.DrillResult;
import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.events.health.TargetHealth;
import io.mcpbridge.dr.events.incident.RecoveryAction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The drills that break something on purpose and watch it come back: the weekly service restart (one phase: restart)
 * and the monthly failover (two: fail over to the standby, then fail back). While one runs, incident creation for
 * its target is held by a maintenance window (a signed command to whichever replica owns the target), so the DOWN
 * it may cause is recorded as a suppressed incident, runs no runbook and pages nobody. After each phase's action
 * the drill waits for health-monitor's first healthy reading of the target; the first phase's time from action to
 * healthy is the RTO, against the plan's target for the drill's severity. A phase that undoes (the fail back) runs
 * whenever the phase before it acted, whatever came of its check; the window is ended whatever happens. What could
 * not be undone is listed as left behind.
 */
final class DisruptiveDrill {

    /** One thing the drill does to its target, and whether it undoes what came before. */
    record Phase(String name, DrillDefinition.Action action, boolean undoes) {}

    /** What the drill asks of the rest of the system. */
    interface Peers {
        /** Sends a maintenance command for the target (on, for how long; or off); returns the command's id. */
        String maintenance(String drillId, String target, RecoveryAction action, Duration duration);

        /** Carries out a phase's action. */
        ActionResult act(DrillDefinition.Action action);
    }

    /** How long an answer to a maintenance command is waited for. */
    private static final Duration ANSWER_WAIT = Duration.ofMinutes(1);

    private final DrillDefinition definition;
    private final List<Phase> phases;
    private final Peers peers;
    private final Clock clock;

    DisruptiveDrill(DrillDefinition definition, List<Phase> phases, Peers peers, Clock clock) {
        this.definition = definition;
        this.phases = List.copyOf(phases);
        this.peers = peers;
        this.clock = clock;
    }

    /** The phases of a drill type: restart; or fail over, then fail back. */
    static List<Phase> phasesOf(DrillDefinition definition) {
        return switch (definition.type()) {
            case SERVICE_RESTART -> List.of(new Phase("restart", definition.restart(), false));
            case FAILOVER ->
                List.of(
                        new Phase("fail over", definition.failOver(), false),
                        new Phase("fail back", definition.failBack(), true));
            default -> throw new IllegalArgumentException(definition.type().wireName() + " breaks nothing on purpose");
        };
    }

    DrillResult run(String id, String requestedBy, Function<Instant, DrillWatch> watching) throws InterruptedException {
        String target = definition.target();
        DrillRun run = new DrillRun(id, definition.type(), target, requestedBy, definition.timeout(), clock);
        Duration rto = null;
        List<String> leftBehind = new ArrayList<>();
        try (DrillWatch watch = watching.apply(run.startedAt())) {
            boolean held = run.step("hold incidents for " + target, () -> {
                String command = peers.maintenance(id, target, RecoveryAction.MAINTENANCE_ON, run.remaining());
                return answered(watch, command, atMostAMinute(run.remaining()));
            });
            boolean acted = false;
            boolean fine = held;
            for (Phase phase : phases) {
                if (!(fine || (phase.undoes() && acted))) {
                    continue;
                }
                Instant[] times = new Instant[2];
                boolean done = run.step(phase.name() + " " + target, () -> {
                    times[0] = clock.instant();
                    ActionResult result = peers.act(phase.action());
                    times[1] = clock.instant();
                    return result.succeeded()
                            ? DrillRun.Outcome.passed(result.detail())
                            : DrillRun.Outcome.failed(result.detail());
                });
                if (!done) {
                    if (phase.undoes()) {
                        leftBehind.add(target + ": " + phase.name() + " not done ("
                                + phase.action().parameters() + ")");
                    }
                    fine = false;
                    continue;
                }
                acted = true;
                Duration[] measured = new Duration[1];
                boolean healthy = run.step("healthy after " + phase.name(), () -> {
                    Duration wait = phase.undoes() ? run.remainingAtLeast(ANSWER_WAIT) : run.remaining();
                    Optional<TargetHealth> up = watch.health(
                            times[1],
                            reading -> reading.state() == HealthState.UP,
                            clock.instant().plus(wait));
                    if (up.isEmpty()) {
                        return DrillRun.Outcome.failed(target + " was not seen healthy within the drill's time");
                    }
                    measured[0] = Duration.between(times[0], up.get().observedAt());
                    return DrillRun.Outcome.passed(target + " healthy " + measured[0].toMillis() + " ms after the "
                            + phase.name() + down(watch, times[0], up.get().observedAt()));
                });
                if (rto == null && !phase.undoes()) {
                    rto = measured[0];
                }
                fine = fine && healthy;
            }
            boolean released = run.step("release " + target, () -> {
                // Cleaning up has its own time, whatever is left of the drill's.
                String command = peers.maintenance(id, target, RecoveryAction.MAINTENANCE_OFF, null);
                return answered(watch, command, ANSWER_WAIT);
            });
            if (held && !released) {
                leftBehind.add("a maintenance window on " + target + " (it ends by itself)");
            }
        }
        return run.finish(rto, definition.severity().targetRto(), null, null, leftBehind);
    }

    /** Whether the action took the target down (held: suppressed), as health-monitor saw it before it was up. */
    private String down(DrillWatch watch, Instant acted, Instant up) throws InterruptedException {
        return watch.health(
                        acted,
                        reading -> reading.state() == HealthState.DOWN
                                && reading.observedAt().isBefore(up),
                        clock.instant())
                .map(reading -> "; DOWN "
                        + Duration.between(acted, reading.observedAt()).toMillis()
                        + " ms after it, suppressed by the drill's maintenance window")
                .orElse("; not seen DOWN");
    }

    private static DrillRun.Outcome answered(DrillWatch watch, String commandId, Duration wait)
            throws InterruptedException {
        Optional<CommandOutcome> outcome =
                watch.outcome(commandId, Instant.now().plus(wait));
        if (outcome.isEmpty()) {
            return DrillRun.Outcome.failed("no answer to " + commandId);
        }
        return outcome.get().verdict() == CommandOutcome.Verdict.ACCEPTED
                ? DrillRun.Outcome.passed(outcome.get().reason())
                : DrillRun.Outcome.failed(outcome.get().verdict().name().toLowerCase() + ": "
                        + outcome.get().reason());
    }

    /** Commands are answered within seconds; a drill does not wait its whole time for one. */
    private static Duration atMostAMinute(Duration remaining) {
        return remaining.compareTo(ANSWER_WAIT) < 0 ? remaining : ANSWER_WAIT;
    }
}
