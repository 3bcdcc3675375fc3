package io.mcpbridge.dr.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real {@code redis-server} of the caller's own, on a free loopback port with a scratch directory.
 * Never the machine's shared instance: tests may flush, break and stop this one.
 */
public final class RedisServer extends PeerProcess {

    private RedisServer(int port, Path dir, Process process) {
        super(port, dir, process);
    }

    /** Starts a server without persistence, handing its snapshot to a replica at once. */
    public static RedisServer start() {
        return start(List.of());
    }

    /**
     * Starts a server with extra arguments, for example {@code List.of("--appendonly", "yes")}.
     *
     * @throws IllegalStateException when {@code redis-server} is not installed or does not come up
     */
    public static RedisServer start(List<String> extraArgs) {
        return start("redis-server", extraArgs);
    }

    /**
     * Starts another server that speaks the protocol, {@code binary} (a path or a command), with extra arguments:
     * for a store of another RDB version than the machine's redis-server ({@link OtherServer}).
     *
     * @throws IllegalStateException when the binary cannot run or the server does not come up
     */
    public static RedisServer start(String binary, List<String> extraArgs) {
        return startOnSomeFreePort(port -> startOnce(binary, port, extraArgs));
    }

    private static RedisServer startOnce(String binary, int port, List<String> extraArgs) {
        Path dir;
        try {
            dir = Files.createTempDirectory("redis-" + port + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(
                binary,
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                dir.toString(),
                "--save",
                "",
                "--appendonly",
                "no",
                // A snapshot for a replica (backups read one so) goes out at once, not after the 5 s wait for more
                // replicas: as a store that is backed up is set up.
                "--repl-diskless-sync-delay",
                "0",
                "--logfile",
                dir.resolve("redis.log").toString()));
        command.addAll(extraArgs);
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + binary + " (is it installed?): " + e.getMessage(), e);
        }
        RedisServer server = new RedisServer(port, dir, process);
        try {
            Awaitility.await(binary + " on port " + port)
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> !process.isAlive() || server.answersPing());
        } catch (ConditionTimeoutException e) {
            server.close();
            throw new IllegalStateException(binary + " did not answer on port " + port);
        }
        if (!process.isAlive()) {
            String log = server.log();
            server.close();
            throw new IllegalStateException(binary + " exited at start: " + log);
        }
        return server;
    }

    /** {@code redis://127.0.0.1:<port()>}. */
    public String uri() {
        return "redis://127.0.0.1:" + port();
    }

    /** Sends one inline command and returns the raw RESP reply (enough for PING, CONFIG SET, DBSIZE). */
    public String command(String... words) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port()), 1000);
            socket.setSoTimeout(2000);
            StringBuilder request = new StringBuilder("*").append(words.length).append("\r\n");
            for (String word : words) {
                byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
                request.append('$')
                        .append(bytes.length)
                        .append("\r\n")
                        .append(word)
                        .append("\r\n");
            }
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            byte[] buffer = new byte[8192];
            int read = socket.getInputStream().read(buffer);
            return read <= 0 ? "" : new String(buffer, 0, read, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("redis on port " + port() + ": " + e.getMessage(), e);
        }
    }

    public boolean isRunning() {
        return process().isAlive();
    }

    private boolean answersPing() {
        try {
            return command("PING").equals("+PONG");
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private String log() {
        try {
            return Files.readString(dir().resolve("redis.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
