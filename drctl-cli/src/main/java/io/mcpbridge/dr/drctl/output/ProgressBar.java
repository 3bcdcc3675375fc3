package io.mcpbridge.dr.drctl.output;

import io.mcpbridge.dr.events.backup.BackupResult;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * A long operation's progress from its PROGRESS results: bytes, entries, rate and, when the total is known (a
 * verify or restore of a known backup, or a backup like the last one), a bar and the time left. On a terminal
 * one line is redrawn; otherwise each result is a plain line, for logs.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;

    private final Terminal terminal;
    private final String label;
    private final OptionalLong expectedBytes;
    private boolean drawn;

    /**
     * @param expectedBytes the plain bytes the operation will go through, when known (an estimate for a new backup)
     */
    public ProgressBar(Terminal terminal, String label, OptionalLong expectedBytes) {
        this.terminal = terminal;
        this.label = label;
        this.expectedBytes = expectedBytes;
    }

    public void update(BackupResult result) {
        String line = line(result);
        if (terminal.interactive()) {
            terminal.overwrite(line);
            drawn = true;
        } else {
            terminal.note(line);
        }
    }

    /** Ends the redrawn line before the final answer is printed. */
    public void finish() {
        if (drawn) {
            terminal.endLine();
            drawn = false;
        }
    }

    String line(BackupResult result) {
        StringBuilder line = new StringBuilder(label).append(' ');
        if (result.reason() != null && !result.reason().isBlank()) {
            // Not started yet: another command holds a scope this one needs, and the service says whose.
            return line.append(result.reason()).toString();
        }
        double seconds = Math.max(result.durationMillis(), 1) / 1000.0;
        double rate = result.bytes() / seconds;
        if (expectedBytes.isPresent() && expectedBytes.getAsLong() > 0) {
            double done = Math.min(1.0, (double) result.bytes() / expectedBytes.getAsLong());
            int filled = (int) Math.round(done * WIDTH);
            line.append('[')
                    .append("#".repeat(filled))
                    .append(".".repeat(WIDTH - filled))
                    .append("] ")
                    .append(String.format(Locale.ROOT, "%3d%%  ", Math.round(done * 100)));
        }
        line.append(Human.bytes(result.bytes()))
                .append("  ")
                .append(String.format(Locale.ROOT, "%,d entries", result.entries()))
                .append("  ")
                .append(Human.bytes((long) rate))
                .append("/s");
        if (expectedBytes.isPresent() && rate > 0 && result.bytes() < expectedBytes.getAsLong()) {
            long left = (long) ((expectedBytes.getAsLong() - result.bytes()) / rate);
            line.append("  ETA ").append(Human.duration(Duration.ofSeconds(left)));
        }
        return line.toString();
    }
}
