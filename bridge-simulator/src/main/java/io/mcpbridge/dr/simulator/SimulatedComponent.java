package io.mcpbridge.dr.simulator;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One MCP Bridge process stand-in (gateway or router): an HTTP listener whose health can be switched.
 * {@link Mode#DOWN} really closes the listener, so probes see "connection refused" as with a crash.
 */
final class SimulatedComponent {

    private final String name;
    private final int port;
    private final Map<String, Function<SimulatedComponent, Response>> routes;
    private final ExecutorService workers = Executors.newCachedThreadPool(daemon("sim-http"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("sim-timer"));
    private final AtomicInteger restarts = new AtomicInteger();

    private volatile Mode mode = Mode.HEALTHY;
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean restartHeals = true;
    private final String bindAddress;
    private HttpServer server;

    SimulatedComponent(
            String name, String bindAddress, int port, Map<String, Function<SimulatedComponent, Response>> routes) {
        this.name = name;
        this.bindAddress = bindAddress;
        this.port = port;
        this.routes = routes;
    }

    /** A reply of a health endpoint. */
    record Response(int status, String contentType, String body) {}

    synchronized void start() {
        listen();
    }

    synchronized void stop() {
        close();
        timers.shutdownNow();
        workers.shutdownNow();
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    Mode mode() {
        return mode;
    }

    Duration delay() {
        return delay;
    }

    int restarts() {
        return restarts.get();
    }

    /**
     * Switches the behaviour.
     *
     * @param restartHeals whether a later {@link #restart} brings it back to healthy
     */
    synchronized void switchTo(Mode newMode, Duration newDelay, boolean restartHeals) {
        this.mode = newMode;
        this.delay = newDelay;
        this.restartHeals = restartHeals;
        if (newMode == Mode.DOWN) {
            close();
        } else {
            listen();
        }
    }

    /**
     * What {@code systemctl restart} or a rollout restart does to the process: down for {@code downtime},
     * then healthy again, unless the fault survives restarts.
     */
    synchronized void restart(Duration downtime) {
        restarts.incrementAndGet();
        Mode before = mode;
        Duration delayBefore = delay;
        boolean heals = restartHeals;
        close();
        mode = Mode.DOWN;
        timers.schedule(
                () -> {
                    synchronized (this) {
                        if (heals) {
                            switchTo(Mode.HEALTHY, Duration.ZERO, true);
                        } else {
                            switchTo(before, delayBefore, false);
                        }
                    }
                },
                downtime.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    Map<String, Object> describe() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("port", port);
        state.put("mode", mode.wireName());
        state.put("delayMs", delay.toMillis());
        state.put("restartHeals", restartHeals);
        state.put("restarts", restarts.get());
        return state;
    }

    private void listen() {
        if (server != null) {
            return;
        }
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(bindAddress, port), 64);
            routes.forEach((path, route) -> created.createContext(path, handler(route)));
            created.setExecutor(workers);
            created.start();
            server = created;
        } catch (IOException e) {
            throw new UncheckedIOException(name + " cannot listen on port " + port, e);
        }
    }

    private void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private HttpHandler handler(Function<SimulatedComponent, Response> route) {
        return exchange -> {
            try (exchange) {
                if (mode == Mode.SLOW && !delay.isZero()) {
                    try {
                        Thread.sleep(delay.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                Response response = route.apply(this);
                byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", response.contentType());
                exchange.sendResponseHeaders(response.status(), body.length);
                exchange.getResponseBody().write(body);
            }
        };
    }

    static ThreadFactory daemon(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
