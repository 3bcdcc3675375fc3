package io.mcpbridge.dr.system.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A command-line tool (docker, promtool, amtool) as a process: bounded in time, its output returned. */
public final class Commands {

    private Commands() {}

    /**
     * Runs {@code command} in {@code dir} (the current directory when null) and returns what it printed,
     * standard error included.
     *
     * @throws IllegalStateException when it cannot start, outlasts {@code timeout} or exits non-zero; the
     *     message carries its output
     */
    public static String run(Path dir, Duration timeout, List<String> command) {
        String line = String.join(" ", command);
        try {
            Path output = Files.createTempFile("command-", ".out");
            try {
                ProcessBuilder builder =
                        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
                if (dir != null) {
                    builder.directory(dir.toFile());
                }
                Process process;
                try {
                    process = builder.start();
                } catch (IOException e) {
                    throw new IllegalStateException(
                            "cannot run " + command.get(0) + " (is it installed?): " + e.getMessage(), e);
                }
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(line + " did not finish within " + timeout);
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(line + " failed (" + process.exitValue() + "):\n" + text);
                }
                return text;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep the output of " + line + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + line, e);
        }
    }
}
