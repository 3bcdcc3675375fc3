package io.mcpbridge.dr.coordinator.safety;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The loop breaker: after an automated action a component gets a cooldown, and within any window (an hour
 * by default) at most {@code maxActions} automated actions; past that the coordinator escalates instead of
 * acting again. It decides from the times of the actions already taken, which the incidents record, so the
 * count survives restarts and moves with the component's partition.
 *
 * @param maxActions automated actions allowed per window
 * @param window     the sliding window
 * @param cooldown   the quiet time after each action
 */
public record ActionBudget(int maxActions, Duration window, Duration cooldown) {

    public ActionBudget {
        if (maxActions < 1 || window.isNegative() || window.isZero() || cooldown.isNegative()) {
            throw new IllegalArgumentException("the action budget needs at least one action in a positive window");
        }
    }

    /** The plan's defaults: three actions an hour, a minute apart at least. */
    public static ActionBudget defaults() {
        return new ActionBudget(3, Duration.ofHours(1), Duration.ofMinutes(1));
    }

    /** What may happen now, given when this component's automated actions were taken. */
    public Decision check(List<Instant> actionTimes, Instant now) {
        return check(actionTimes, now, false);
    }

    /**
     * As {@link #check(List, Instant)}; {@code nextStepOfARunbook} skips the cooldown for the next step of an
     * incident already being worked (a rollback after a failed restart, a restore after a failed verification):
     * the runbook spaces its own steps with verifications, and the hourly limit still holds.
     */
    public Decision check(List<Instant> actionTimes, Instant now, boolean nextStepOfARunbook) {
        Instant last = null;
        int inWindow = 0;
        Instant windowStart = now.minus(window);
        for (Instant time : actionTimes) {
            if (time.isAfter(windowStart)) {
                inWindow++;
            }
            if (last == null || time.isAfter(last)) {
                last = time;
            }
        }
        if (inWindow >= maxActions) {
            return new Decision(
                    Verdict.EXHAUSTED,
                    null,
                    inWindow + " automated actions within " + window.toMinutes()
                            + " min: escalating instead of acting again");
        }
        if (!nextStepOfARunbook && last != null && now.isBefore(last.plus(cooldown))) {
            return new Decision(Verdict.COOLING_DOWN, last.plus(cooldown), "cooling down after the last action");
        }
        return Decision.ALLOWED_NOW;
    }

    public enum Verdict {
        ALLOWED,
        /** Wait until {@link Decision#notBefore()}; the signal is folded into the incident. */
        COOLING_DOWN,
        /** Stop acting: escalate to people. */
        EXHAUSTED
    }

    /**
     * @param verdict   what may happen
     * @param notBefore the end of the cooldown (COOLING_DOWN only)
     * @param reason    for the timeline
     */
    public record Decision(Verdict verdict, Instant notBefore, String reason) {

        public static final Decision ALLOWED_NOW = new Decision(Verdict.ALLOWED, null, null);
    }
}
