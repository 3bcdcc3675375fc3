package io.mcpbridge.dr.drctl.output;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where drctl writes, and what the other end is: a person at a terminal gets colours (never with {@code NO_COLOR}
 * or {@code TERM=dumb}), a live progress bar and confirmation prompts; a pipe or a script gets plain lines.
 */
public final class Terminal {

    private static final String RESET = "\u001b[0m";

    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private final boolean colours;

    Terminal(PrintStream out, PrintStream err, boolean interactive, boolean colours) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
        this.colours = colours;
    }

    /** This process's: interactive when both ends are a console. */
    public static Terminal ofProcess() {
        boolean interactive = System.console() != null;
        String noColor = System.getenv("NO_COLOR");
        boolean colours =
                interactive && (noColor == null || noColor.isEmpty()) && !"dumb".equals(System.getenv("TERM"));
        return new Terminal(System.out, System.err, interactive, colours);
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public boolean interactive() {
        return interactive;
    }

    public void println(String line) {
        out.println(line);
    }

    /** A line about the command itself (progress, warnings) on stderr, so stdout stays the answer. */
    public void note(String line) {
        err.println(line);
    }

    public String red(String text) {
        return paint("\u001b[31m", text);
    }

    public String green(String text) {
        return paint("\u001b[32m", text);
    }

    public String yellow(String text) {
        return paint("\u001b[33m", text);
    }

    public String bold(String text) {
        return paint("\u001b[1m", text);
    }

    public String dim(String text) {
        return paint("\u001b[2m", text);
    }

    private String paint(String colour, String text) {
        return colours ? colour + text + RESET : text;
    }

    /**
     * Asks the person to type {@code expected} back; empty when there is nobody to ask (not a terminal).
     *
     * @return whether they typed it
     */
    public Optional<Boolean> confirm(String question, String expected) {
        if (!interactive) {
            return Optional.empty();
        }
        err.print(question + " Type '" + expected + "' to go on: ");
        err.flush();
        Console console = System.console();
        String answer;
        if (console != null) {
            answer = console.readLine();
        } else {
            try {
                answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                answer = null;
            }
        }
        return Optional.of(answer != null && answer.strip().equals(expected));
    }

    /** Rewrites the current line (a progress bar); only on a terminal. */
    public void overwrite(String line) {
        err.print("\r\u001b[2K" + line);
        err.flush();
    }

    /** Ends a line written by {@link #overwrite}. */
    public void endLine() {
        err.println();
    }
}
