package io.mcpbridge.dr.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The health answers of MCP Bridge 1.0.0 as its source has them: the gateway's {@code /health} JSON
 * ({@code healthy}, {@code status}, {@code message}, endpoint counts, subsystems, timestamp; 503 when
 * unhealthy), {@code /healthz} and {@code /ready}; the router's fixed {@code {"status":"healthy"}}.
 */
final class BridgeHealthBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APPLICATION_JSON = "application/json";
    private static final String TEXT_PLAIN = "text/plain; charset=utf-8";

    private BridgeHealthBodies() {}

    static SimulatedComponent.Response gatewayHealth(SimulatedComponent gateway) {
        boolean healthy = gateway.mode() != Mode.UNHEALTHY;
        Instant now = Instant.now();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("healthy", healthy);
        body.put("status", healthy ? "healthy" : "unhealthy");
        body.put("message", healthy ? "All systems operational" : "Some subsystems are unhealthy");
        body.put("endpoints", healthy ? 3 : 1);
        body.put("healthy_endpoints", healthy ? 3 : 0);
        Map<String, Object> subsystems = new LinkedHashMap<>();
        subsystems.put("redis", subsystem(healthy, healthy ? "connected" : "connection refused", now));
        subsystems.put("discovery", subsystem(true, "3 endpoints discovered", now));
        body.put("subsystems", subsystems);
        body.put("timestamp", now.toString());
        return new SimulatedComponent.Response(healthy ? 200 : 503, APPLICATION_JSON, write(body));
    }

    static SimulatedComponent.Response gatewayHealthz(SimulatedComponent gateway) {
        boolean healthy = gateway.mode() != Mode.UNHEALTHY;
        return new SimulatedComponent.Response(healthy ? 200 : 503, TEXT_PLAIN, healthy ? "OK" : "Unhealthy");
    }

    static SimulatedComponent.Response gatewayReady(SimulatedComponent gateway) {
        boolean healthy = gateway.mode() != Mode.UNHEALTHY;
        return new SimulatedComponent.Response(healthy ? 200 : 503, TEXT_PLAIN, healthy ? "Ready" : "Not ready");
    }

    /** The router's handler never reports unhealthy: only reachability and the status code say anything. */
    static SimulatedComponent.Response routerHealth(SimulatedComponent router) {
        return new SimulatedComponent.Response(200, APPLICATION_JSON, "{\"status\":\"healthy\"}");
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> subsystem(boolean healthy, String message, Instant now) {
        Map<String, Object> subsystem = new LinkedHashMap<>();
        subsystem.put("healthy", healthy);
        subsystem.put("status", healthy ? "healthy" : "unhealthy");
        subsystem.put("message", message);
        subsystem.put("last_check", now.toString());
        subsystem.put("duration_ms", 1);
        return subsystem;
    }
}
