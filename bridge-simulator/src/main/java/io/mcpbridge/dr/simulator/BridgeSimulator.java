package io.mcpbridge.dr.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A stand-in MCP Bridge for local runs and end-to-end tests: a gateway ({@code /health},
 * {@code /healthz}, {@code /ready}) and a router ({@code /health}) on their own ports, and a control API
 * on a third port that breaks, slows, stops, restarts and heals them:
 *
 * <pre>
 * GET  /sim                                   state of both components
 * POST /sim/{gateway|router}/healthy
 * POST /sim/{gateway|router}/unhealthy[?sticky=true]   gateway only: 503, healthy=false
 * POST /sim/{gateway|router}/slow?delayMs=3000
 * POST /sim/{gateway|router}/down[?sticky=true]        connection refused
 * POST /sim/{gateway|router}/restart[?downtimeMs=1000] down, then healthy unless the fault is sticky
 * </pre>
 */
public final class BridgeSimulator implements AutoCloseable {

    private final SimulatedComponent gateway;
    private final SimulatedComponent router;
    private final HttpServer control;

    private BridgeSimulator(String bindAddress, int gatewayPort, int routerPort, int controlPort) {
        this.gateway = new SimulatedComponent(
                "gateway",
                bindAddress,
                gatewayPort,
                Map.of(
                        "/health", BridgeHealthBodies::gatewayHealth,
                        "/healthz", BridgeHealthBodies::gatewayHealthz,
                        "/ready", BridgeHealthBodies::gatewayReady));
        this.router = new SimulatedComponent(
                "router", bindAddress, routerPort, Map.of("/health", BridgeHealthBodies::routerHealth));
        try {
            this.control = HttpServer.create(new InetSocketAddress(bindAddress, controlPort), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("control API cannot listen on port " + controlPort, e);
        }
        control.createContext("/sim", this::handleControl);
        control.setExecutor(Executors.newFixedThreadPool(2, SimulatedComponent.daemon("sim-control")));
    }

    /** Starts the gateway, the router and the control API on the given loopback ports. */
    public static BridgeSimulator start(int gatewayPort, int routerPort, int controlPort) {
        return start("127.0.0.1", gatewayPort, routerPort, controlPort);
    }

    /**
     * Starts the gateway, the router and the control API on the given ports of {@code bindAddress}
     * ({@code 0.0.0.0} in a container, where its peers reach it over the container network).
     */
    public static BridgeSimulator start(String bindAddress, int gatewayPort, int routerPort, int controlPort) {
        BridgeSimulator simulator = new BridgeSimulator(bindAddress, gatewayPort, routerPort, controlPort);
        simulator.gateway.start();
        simulator.router.start();
        simulator.control.start();
        return simulator;
    }

    public int gatewayPort() {
        return gateway.port();
    }

    public int routerPort() {
        return router.port();
    }

    public int controlPort() {
        return control.getAddress().getPort();
    }

    /** Switches the gateway's behaviour (in-process equivalent of the control API). */
    public void gateway(Mode mode) {
        gateway.switchTo(mode, mode == Mode.SLOW ? Duration.ofSeconds(3) : Duration.ZERO, true);
    }

    /** Switches the router's behaviour. */
    public void router(Mode mode) {
        router.switchTo(mode, mode == Mode.SLOW ? Duration.ofSeconds(3) : Duration.ZERO, true);
    }

    /** How many simulated restarts the component has had. */
    public int restarts(String component) {
        return component(component).restarts();
    }

    @Override
    public void close() {
        control.stop(0);
        gateway.stop();
        router.stop();
    }

    private void handleControl(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] parts =
                    exchange.getRequestURI().getPath().replaceAll("^/+|/+$", "").split("/");
            try {
                if (parts.length == 1 && "GET".equals(exchange.getRequestMethod())) {
                    reply(exchange, 200, state());
                } else if (parts.length == 3 && "POST".equals(exchange.getRequestMethod())) {
                    apply(component(parts[1]), parts[2], query(exchange.getRequestURI()));
                    reply(exchange, 200, state());
                } else {
                    reply(exchange, 404, Map.of("error", "use GET /sim or POST /sim/{gateway|router}/{action}"));
                }
            } catch (IllegalArgumentException e) {
                reply(exchange, 400, Map.of("error", e.getMessage()));
            }
        }
    }

    private void apply(SimulatedComponent component, String action, Map<String, String> query) {
        boolean sticky = Boolean.parseBoolean(query.getOrDefault("sticky", "false"));
        if ("restart".equals(action)) {
            component.restart(Duration.ofMillis(number(query.getOrDefault("downtimeMs", "1000"))));
            return;
        }
        Mode mode;
        try {
            mode = Mode.parse(action);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown action '" + action + "': healthy, unhealthy, slow, down or restart");
        }
        if (mode == Mode.UNHEALTHY && component == router) {
            throw new IllegalArgumentException(
                    "the router's /health always answers 200; break it with 'down' or 'slow'");
        }
        Duration delay = Duration.ofMillis(mode == Mode.SLOW ? number(query.getOrDefault("delayMs", "3000")) : 0);
        component.switchTo(mode, delay, !sticky);
    }

    private SimulatedComponent component(String name) {
        return switch (name) {
            case "gateway" -> gateway;
            case "router" -> router;
            default -> throw new IllegalArgumentException("unknown component '" + name + "': gateway or router");
        };
    }

    private Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("gateway", gateway.describe());
        state.put("router", router.describe());
        return state;
    }

    private static long number(String text) {
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a non-negative number of milliseconds: " + text);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = BridgeHealthBodies.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
