package io.mcpbridge.dr.coordinator.drill;

import io.mcpbridge.dr.coordinator.action.ActionResult;
import io.mcpbridge.dr.events.command.CommandOutcome;
import io.mcpbridge.dr.events.drill.DrillResult;
import io.mcpbridge.dr.events.drill.DrillType;
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
 * The plan's weekly service restart: the target is restarted on purpose and the time from the restart to the first
 * healthy reading of health-monitor after the restart action returned is its RTO, against the plan's target for the
 * drill's severity (a rolling restart that never takes the target down measures how soon it is seen healthy). While it runs, incident creation
 * for the target is held by a maintenance window (a signed command to whichever replica owns the target), so the
 * DOWN the restart may cause is recorded as a suppressed incident, runs no runbook and pages nobody; the window is
 * ended whatever happens.
 */
final class ServiceRestartDrill {

    /** What the drill asks of the rest of the system. */
    interface Peers {
        /** Sends a maintenance command for the target (on, for how long; or off); returns the command's id. */
        String maintenance(String drillId, String target, RecoveryAction action, Duration duration);

        /** Carries out the definition's restart action. */
        ActionResult restart(DrillDefinition.Action restart);
    }

    /** How long an answer to a maintenance command is waited for. */
    private static final Duration ANSWER_WAIT = Duration.ofMinutes(1);

    private final DrillDefinition definition;
    private final Peers peers;
    private final Clock clock;

    ServiceRestartDrill(DrillDefinition definition, Peers peers, Clock clock) {
        this.definition = definition;
        this.peers = peers;
        this.clock = clock;
    }

    DrillResult run(String id, String requestedBy, Function<Instant, DrillWatch> watching) throws InterruptedException {
        String target = definition.target();
        DrillRun run = new DrillRun(id, DrillType.SERVICE_RESTART, target, requestedBy, definition.timeout(), clock);
        Duration rto = null;
        List<String> leftBehind = new ArrayList<>();
        try (DrillWatch watch = watching.apply(run.startedAt())) {
            boolean held = run.step("hold incidents for " + target, () -> {
                String command = peers.maintenance(id, target, RecoveryAction.MAINTENANCE_ON, run.remaining());
                return answered(watch, command, atMostAMinute(run.remaining()));
            });
            if (held) {
                Instant[] restarted = new Instant[2];
                boolean done = run.step("restart " + target, () -> {
                    restarted[0] = clock.instant();
                    ActionResult result = peers.restart(definition.restart());
                    restarted[1] = clock.instant();
                    return result.succeeded()
                            ? DrillRun.Outcome.passed(result.detail())
                            : DrillRun.Outcome.failed(result.detail());
                });
                if (done) {
                    Duration[] measured = new Duration[1];
                    run.step("back to healthy", () -> {
                        Optional<TargetHealth> up = watch.health(
                                restarted[1],
                                reading -> reading.state() == HealthState.UP,
                                clock.instant().plus(run.remaining()));
                        if (up.isEmpty()) {
                            return DrillRun.Outcome.failed(target + " was not seen healthy within the drill's time");
                        }
                        measured[0] = Duration.between(restarted[0], up.get().observedAt());
                        return DrillRun.Outcome.passed(
                                target + " healthy " + measured[0].toMillis() + " ms after the restart"
                                        + down(watch, restarted[0], up.get().observedAt()));
                    });
                    rto = measured[0];
                }
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

    /** Whether the restart took the target down (held: no incident), as health-monitor saw it before it was up. */
    private String down(DrillWatch watch, Instant restarted, Instant up) throws InterruptedException {
        return watch.health(
                        restarted,
                        reading -> reading.state() == HealthState.DOWN
                                && reading.observedAt().isBefore(up),
                        clock.instant())
                .map(reading -> "; DOWN "
                        + Duration.between(restarted, reading.observedAt()).toMillis()
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
