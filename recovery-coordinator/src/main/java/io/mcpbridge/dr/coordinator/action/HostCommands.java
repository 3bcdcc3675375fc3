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
 * result on the new owner, which waits out the command's timeout and then counts it as failed rather than run
 * it again blindly. When this instance's partitions are taken away, every command it still runs is stopped
 * ({@link #stopAll}), so the next owner's fallback never runs beside it.
 */
public final class HostCommands implements AutoCloseable {

    private final ExecutorService runs = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "host-command");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Optional<ActionResult>> byId = new ConcurrentHashMap<>();
    private final Map<String, Process> running = new ConcurrentHashMap<>();
    private volatile Consumer<String> finished = id -> {};

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
            ShellAction.Ran ran = ShellAction.execute(command, timeout, process -> running.put(id, process));
            running.remove(id);
            // A command stopped by stopAll has its result already.
            byId.computeIfPresent(id, (key, result) -> result.isPresent() ? result : Optional.of(ran.result()));
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

    /**
     * Stops every command still running here, each recorded as failed with {@code why}: this instance is no
     * longer the owner of their incidents.
     *
     * @return how many were stopped
     */
    public int stopAll(String why) {
        int stopped = 0;
        for (Map.Entry<String, Process> run : running.entrySet()) {
            byId.put(run.getKey(), Optional.of(ActionResult.failed("stopped: " + why)));
            ShellAction.stop(run.getValue());
            stopped++;
        }
        return stopped;
    }

    @Override
    public void close() {
        runs.shutdownNow();
    }
}
