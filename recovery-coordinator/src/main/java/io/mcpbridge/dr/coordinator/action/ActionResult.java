package io.mcpbridge.dr.coordinator.action;

/**
 * How an action ended, for the incident's timeline.
 *
 * @param succeeded whether it did what it should
 * @param detail    what was done or why it failed; a shell command's output, bounded
 */
public record ActionResult(boolean succeeded, String detail) {

    public static ActionResult ok(String detail) {
        return new ActionResult(true, detail);
    }

    public static ActionResult failed(String detail) {
        return new ActionResult(false, detail);
    }
}
