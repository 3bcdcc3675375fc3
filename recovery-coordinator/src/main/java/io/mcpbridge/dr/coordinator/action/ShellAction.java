package io.mcpbridge.dr.coordinator.action;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A configured command on this host (the plan's {@code systemctl restart mcp-gateway}), run without a shell
 * (the configured words are the argument list: nothing from an event is interpreted), with a timeout after
 * which it is killed with everything it started. It inherits none of the coordinator's environment but
 * {@link #PASSED_ON} (its signing key and the session store's password stay in the coordinator), and its output,
 * which no one has vetted, stays out of timelines and notifications: the timeline gets the exit status, the
 * coordinator's log the output at DEBUG.
 */
public final class ShellAction {

    private static final Logger LOG = Logger.getLogger(ShellAction.class);
    private static final int MAX_OUTPUT_BYTES = 4096;

    /** The environment variables a host command is given, when the coordinator has them. */
    public static final Set<String> PASSED_ON = Set.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "USER");

    private ShellAction() {}

    /**
     * How a command ended.
     *
     * @param exit     its exit status; -1 when it did not start or was killed
     * @param output   its combined output, the first {@value #MAX_OUTPUT_BYTES} bytes
     * @param problem  why it did not end by itself (could not start, timed out, stopped), or null
     */
    public record Ran(List<String> command, int exit, String output, String problem) {

        /** For the timeline: what ran and how it ended, never its output. */
        public ActionResult result() {
            String what = String.join(" ", command);
            if (problem != null) {
                return ActionResult.failed(what + " " + problem);
            }
            String summary = what + " exited " + exit
                    + (output.isEmpty()
                            ? ""
                            : " (" + output.length() + " characters of output in the coordinator's log at DEBUG)");
            return exit == 0 ? ActionResult.ok(summary) : ActionResult.failed(summary);
        }
    }

    public static ActionResult run(List<String> command, Duration timeout) {
        return execute(command, timeout, process -> {}).result();
    }

    /**
     * Runs the command to its end or its timeout.
     *
     * @param started told of the process once it runs (so that it can be stopped from elsewhere)
     */
    public static Ran execute(List<String> command, Duration timeout, Consumer<Process> started) {
        if (command.isEmpty()) {
            return new Ran(command, -1, "", "not run: no command configured");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().retainAll(PASSED_ON);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Ran(command, -1, "", "could not start: " + e.getMessage());
        }
        started.accept(process);
        BoundedCapture output = new BoundedCapture(process.getInputStream());
        Thread reader = new Thread(output, "shell-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(process);
                reader.join(1000);
                return logged(new Ran(command, -1, output.text(), "timed out after " + timeout.toSeconds() + " s"));
            }
            reader.join(1000);
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            return new Ran(command, -1, output.text(), "interrupted");
        }
        return logged(new Ran(command, process.exitValue(), output.text(), null));
    }

    /** Kills a process and everything it started. */
    public static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static Ran logged(Ran ran) {
        if (!ran.output().isEmpty()) {
            LOG.debugf("output of %s: %s", String.join(" ", ran.command()), ran.output());
        }
        return ran;
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
                return text + (truncated ? " ... (truncated)" : "");
            }
        }
    }
}
