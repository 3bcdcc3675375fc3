package io.mcpbridge.dr.health.probe;

import io.mcpbridge.dr.events.health.HealthState;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns a stream of probe results into a state that does not flap: DOWN only after {@code downAfter}
 * failures in a row, and serving again (UP or DEGRADED) only after {@code upAfter} serving results in a
 * row. Moving between UP and DEGRADED also needs {@code upAfter} agreeing results. Not thread-safe: one
 * target's results arrive one at a time.
 */
public final class Hysteresis {

    private final int downAfter;
    private final int upAfter;

    private HealthState state = HealthState.UNKNOWN;
    private HealthState previous = HealthState.UNKNOWN;
    private Instant since;
    private HealthState lastObserved;
    private int sameInARow;
    private int servingInARow;
    private int failingInARow;

    public Hysteresis(int downAfter, int upAfter, Instant startedAt) {
        if (downAfter < 1 || upAfter < 1) {
            throw new IllegalArgumentException("thresholds must be at least 1");
        }
        this.downAfter = downAfter;
        this.upAfter = upAfter;
        this.since = startedAt;
    }

    /** A change of state caused by one result. */
    public record Transition(HealthState from, HealthState to, int consecutive) {}

    /** Feeds one result; returns the transition it caused, if any. */
    public Optional<Transition> observe(HealthState observed, Instant at) {
        if (observed == HealthState.UNKNOWN) {
            throw new IllegalArgumentException("a probe always reaches a verdict");
        }
        sameInARow = observed == lastObserved ? sameInARow + 1 : 1;
        lastObserved = observed;
        if (observed == HealthState.DOWN) {
            failingInARow++;
            servingInARow = 0;
        } else {
            servingInARow++;
            failingInARow = 0;
        }
        HealthState next = decide(observed);
        if (next == state) {
            return Optional.empty();
        }
        Transition transition = new Transition(state, next, consecutive());
        previous = state;
        state = next;
        since = at;
        return Optional.of(transition);
    }

    private HealthState decide(HealthState observed) {
        if (observed == HealthState.DOWN) {
            return failingInARow >= downAfter ? HealthState.DOWN : state;
        }
        if (!state.serving()) {
            return servingInARow >= upAfter ? observed : state;
        }
        return observed != state && sameInARow >= upAfter ? observed : state;
    }

    /**
     * Continues from a state another prober published (a take-over): the state, the one before it and since when.
     * Counts in progress are not known to the new prober and start again from zero, so a failure the previous
     * prober had begun to count is confirmed by this one's own {@code downAfter} probes.
     */
    public void resume(HealthState resumed, HealthState before, Instant resumedSince) {
        state = resumed;
        previous = before;
        since = resumedSince;
        lastObserved = null;
        sameInARow = 0;
        servingInARow = 0;
        failingInARow = 0;
    }

    public HealthState state() {
        return state;
    }

    public HealthState previous() {
        return previous;
    }

    public Instant since() {
        return since;
    }

    /** How many results in a row agree with the latest one (failures if it failed, serving results if not). */
    public int consecutive() {
        return lastObserved == HealthState.DOWN ? failingInARow : servingInARow;
    }
}
