package io.mcpbridge.dr.drctl;

/** What drctl's exit status means, the same for every command; {@code Drctl}'s {@code --help} lists them. */
public final class ExitCodes {

    /** Done: the command was accepted and did what it said, or the state was shown. */
    public static final int DONE = 0;
    /** Failed: the operation ran and failed, or drctl could not do its part (no broker, unreadable topic). */
    public static final int FAILED = 1;
    /** Refused or not run by the service that handled it, or bad usage (a wrong flag, no confirmation). */
    public static final int REFUSED = 2;
    /** No answer within {@code --timeout}: the command may still be carried out; see {@code drctl status}. */
    public static final int TIMED_OUT = 3;

    private ExitCodes() {}
}
