package io.mcpbridge.dr.drctl;

/**
 * A failure drctl explains to the person: its message says what went wrong and what to do next, and it ends
 * the command with {@link #exitCode()}. No stack trace is shown for it.
 */
public class DrctlException extends RuntimeException {

    private final int exitCode;

    public DrctlException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
