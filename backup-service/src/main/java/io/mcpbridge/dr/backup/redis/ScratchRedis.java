package io.mcpbridge.dr.backup.redis;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away redis-server for verification's test restore: its own process on a free loopback port,
 * keeping nothing on disk, stopped and removed afterwards. Never the production Redis.
 */
public final class ScratchRedis implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final Path directory;
    private final int port;

    private ScratchRedis(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    public static ScratchRedis start(String binary) throws IOException {
        Path directory = Files.createTempDirectory("mcpdr-verify-redis");
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Process process;
            try {
                process = new ProcessBuilder(
                                binary,
                                "--port",
                                String.valueOf(port),
                                "--bind",
                                "127.0.0.1",
                                "--dir",
                                directory.toString(),
                                "--save",
                                "",
                                "--appendonly",
                                "no",
                                "--protected-mode",
                                "yes",
                                "--logfile",
                                directory.resolve("redis.log").toString())
                        .redirectErrorStream(true)
                        .redirectOutput(directory.resolve("stdout.log").toFile())
                        .start();
            } catch (IOException e) {
                delete(directory);
                throw new IOException(
                        "verification needs redis-server for its test restore, and '" + binary
                                + "' could not be started (mcpdr.backup.verify.redis-server): " + e.getMessage(),
                        e);
            }
            if (awaitPort(process, port)) {
                return new ScratchRedis(process, directory, port);
            }
            process.destroyForcibly();
            last = new IOException("scratch redis-server did not start on port " + port);
        }
        delete(directory);
        throw last;
    }

    public RedisEndpoint endpoint() {
        return new RedisEndpoint("127.0.0.1", port, 0, false, Optional.empty());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        delete(directory);
    }

    private static boolean awaitPort(Process process, int port) throws InterruptedIOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted starting redis-server");
                }
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
