package io.mcpbridge.dr.coordinator.drill;

import io.mcpbridge.dr.events.drill.DrillResult;
import io.mcpbridge.dr.events.drill.DrillStep;
import io.mcpbridge.dr.events.drill.DrillType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One drill as it runs: its steps recorded with their times, then its result. */
final class DrillRun {

    /** What a step did: passed or not, and what it found. */
    record Outcome(boolean passed, String detail) {

        static Outcome passed(String detail) {
            return new Outcome(true, detail);
        }

        static Outcome failed(String detail) {
            return new Outcome(false, detail);
        }
    }

    /** A step's work. */
    @FunctionalInterface
    interface Body {
        Outcome run() throws Exception;
    }

    private final String id;
    private final DrillType type;
    private final String target;
    private final String requestedBy;
    private final Clock clock;
    private final Instant startedAt;
    private final Instant deadline;
    private final List<DrillStep> steps = new ArrayList<>();

    DrillRun(String id, DrillType type, String target, String requestedBy, Duration timeout, Clock clock) {
        this.id = id;
        this.type = type;
        this.target = target;
        this.requestedBy = requestedBy;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.deadline = startedAt.plus(timeout);
    }

    String id() {
        return id;
    }

    Instant startedAt() {
        return startedAt;
    }

    /** What is left of the drill's time; never negative. */
    Duration remaining() {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** What is left of the drill's time, but never less than {@code floor}: for cleaning up, whatever is left. */
    Duration remainingAtLeast(Duration floor) {
        Duration left = remaining();
        return left.compareTo(floor) < 0 ? floor : left;
    }

    /** Runs and records a step; an exception fails it with its message. Returns whether it passed. */
    boolean step(String name, Body body) throws InterruptedException {
        Instant started = clock.instant();
        Outcome outcome;
        try {
            outcome = body.run();
        } catch (InterruptedException e) {
            steps.add(new DrillStep(name, started, clock.instant(), false, "interrupted"));
            throw e;
        } catch (Exception e) {
            outcome = Outcome.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        steps.add(new DrillStep(name, started, clock.instant(), outcome.passed(), outcome.detail()));
        return outcome.passed();
    }

    /** A step that failed before it could run (nothing to run it on). */
    void failedStep(String name, String detail) {
        Instant now = clock.instant();
        steps.add(new DrillStep(name, now, now, false, detail));
    }

    /**
     * The result: passed when every step passed and the measured times are within their targets; otherwise the
     * reason names the first step that failed, or the time that was over.
     */
    DrillResult finish(Duration rto, Duration rtoTarget, Duration rpo, Duration rpoTarget, List<String> leftBehind) {
        String reason = steps.stream()
                .filter(step -> !step.passed())
                .findFirst()
                .map(step -> step.name() + ": " + step.detail())
                .orElse(null);
        if (reason == null && over(rto, rtoTarget)) {
            reason = "RTO " + rto.toSeconds() + " s is over the target of " + rtoTarget.toSeconds() + " s";
        }
        if (reason == null && over(rpo, rpoTarget)) {
            reason = "RPO " + rpo.toSeconds() + " s is over the target of " + rpoTarget.toSeconds() + " s";
        }
        if (reason == null && !leftBehind.isEmpty()) {
            reason = "could not clean up " + leftBehind;
        }
        if (reason == null && steps.isEmpty()) {
            reason = "no step ran";
        }
        return new DrillResult(
                id,
                type,
                target,
                requestedBy,
                startedAt,
                clock.instant(),
                steps,
                millis(rto),
                millis(rtoTarget),
                millis(rpo),
                millis(rpoTarget),
                reason == null,
                reason,
                leftBehind);
    }

    private static boolean over(Duration measured, Duration target) {
        return measured != null && target != null && measured.compareTo(target) > 0;
    }

    private static Long millis(Duration duration) {
        return duration == null ? null : duration.toMillis();
    }
}
