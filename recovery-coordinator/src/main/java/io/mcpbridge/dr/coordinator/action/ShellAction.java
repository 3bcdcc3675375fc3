package io.mcpbridge.dr.coordinator.action;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A configured command on this host (the plan's {@code systemctl restart mcp-gateway}), run without a shell
 * (the configured words are the argument list: nothing from an event is interpreted), with a timeout after
 * which it is killed, and its combined output captured up to a bound for the timeline.
 */
public final class ShellAction {

    private static final int MAX_OUTPUT_BYTES = 4096;

    private ShellAction() {
    }

    public static ActionResult run(List<String> command, Duration timeout) {
        if (command.isEmpty()) {
            return ActionResult.failed("no command configured");
        }
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return ActionResult.failed(String.join(" ", command) + " could not start: " + e.getMessage());
        }
        BoundedCapture output = new BoundedCapture(process.getInputStream());
        Thread reader = new Thread(output, "shell-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                reader.join(1000);
                return ActionResult.failed(String.join(" ", command) + " timed out after " + timeout.toSeconds()
                        + " s" + output.text());
            }
            reader.join(1000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return ActionResult.failed(String.join(" ", command) + " interrupted");
        }
        int exit = process.exitValue();
        String summary = String.join(" ", command) + " exited " + exit + output.text();
        return exit == 0 ? ActionResult.ok(summary) : ActionResult.failed(summary);
    }

    /** Reads a stream to its end, keeping the first bytes only. */
    private static final class BoundedCapture implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private volatile boolean truncated;

        BoundedCapture(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[1024];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    synchronized (kept) {
                        int room = MAX_OUTPUT_BYTES - kept.size();
                        kept.write(buffer, 0, Math.max(0, Math.min(room, n)));
                        truncated |= n > room;
                    }
                }
            } catch (IOException ignored) {
                // the process ended or was killed
            }
        }

        String text() {
            synchronized (kept) {
                String text = kept.toString(StandardCharsets.UTF_8).strip();
                return text.isEmpty() ? "" : ": " + text + (truncated ? " ... (truncated)" : "");
            }
        }
    }
}
