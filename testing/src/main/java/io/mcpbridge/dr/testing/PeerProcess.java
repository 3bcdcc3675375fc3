package io.mcpbridge.dr.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * A real server a test runs as a process of its own: on a free loopback port, with a scratch directory,
 * stopped and removed by {@link #close()}.
 */
public abstract class PeerProcess implements AutoCloseable {

    private static final int START_ATTEMPTS = 3;

    private final int port;
    private final Path dir;
    private final Process process;

    protected PeerProcess(int port, Path dir, Process process) {
        this.port = port;
        this.dir = dir;
        this.process = process;
    }

    /**
     * Starts a peer on a fresh free port, again on another port when it fails (another process may take a
     * port between the check and the bind).
     */
    protected static <T extends PeerProcess> T startOnSomeFreePort(IntFunction<T> startOnPort) {
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return startOnPort.apply(FreePorts.next());
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    public int port() {
        return port;
    }

    protected Path dir() {
        return dir;
    }

    protected Process process() {
        return process;
    }

    /** Stops the process and removes its directory. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: a temp directory left behind harms nothing.
        }
    }
}
