package io.mcpbridge.dr.coordinator.action;

/**
 * How an action ended, for the incident's timeline.
 *
 * @param succeeded whether it did what it should
 * @param pending   it was requested from another service and its result will come as an event
 * @param detail    what was done or why it failed; a shell command's output, bounded
 */
public record ActionResult(boolean succeeded, boolean pending, String detail) {

    public static ActionResult ok(String detail) {
        return new ActionResult(true, false, detail);
    }

    public static ActionResult failed(String detail) {
        return new ActionResult(false, false, detail);
    }

    /** Requested; the step waits for the other service's result. */
    public static ActionResult pending(String detail) {
        return new ActionResult(false, true, detail);
    }
}
