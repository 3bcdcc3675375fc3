package io.mcpbridge.dr.coordinator.action;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Host commands run off the coordinator's loop, so a long one (a site fail-over script) does not hold every
 * other incident while it runs. Each run has an id (the incident, the step and the attempt); its result is
 * kept until the runner has recorded it, and whoever listens is told when it is there. What ran here is
 * known here only: after a restart or a move of the partitions, a command still shown as started has no
 * result on the new owner, which counts it as failed rather than run it again blindly.
 */
public final class HostCommands implements AutoCloseable {

    private final ExecutorService runs = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "host-command");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Optional<ActionResult>> byId = new ConcurrentHashMap<>();
    private volatile Consumer<String> finished = id -> { };

    /** Who is told (with the run's id) that a command ended. */
    public void onFinished(Consumer<String> listener) {
        this.finished = listener;
    }

    /** Starts the command unless a run of that id is already known here; never blocks on it. */
    public void start(String id, List<String> command, Duration timeout) {
        if (byId.putIfAbsent(id, Optional.empty()) != null) {
            return;
        }
        runs.submit(() -> {
            byId.put(id, Optional.of(ShellAction.run(command, timeout)));
            finished.accept(id);
        });
    }

    /** The result of a run of this instance, once it ended. */
    public Optional<ActionResult> result(String id) {
        return byId.getOrDefault(id, Optional.empty());
    }

    /** Whether a run of that id was started by this instance (ended or not). */
    public boolean known(String id) {
        return byId.containsKey(id);
    }

    /** The result was recorded on the incident: it is not needed any more. */
    public void forget(String id) {
        byId.computeIfPresent(id, (key, result) -> result.isPresent() ? null : result);
    }

    @Override
    public void close() {
        runs.shutdownNow();
    }
}
