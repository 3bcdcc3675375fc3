package io.mcpbridge.dr.simulator;

import java.util.Locale;

/** How a simulated component behaves now. Switched by the control API or by a simulated restart. */
public enum Mode {
    /** Answers its health endpoint as a healthy MCP Bridge does. */
    HEALTHY,
    /** Answers, but reports itself unhealthy (the gateway's 503 with {@code healthy: false}). */
    UNHEALTHY,
    /** Healthy, but answers only after the configured delay. */
    SLOW,
    /** Not listening: connections are refused, as when the process has crashed. */
    DOWN;

    public static Mode parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
