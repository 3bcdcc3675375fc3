package io.mcpbridge.dr.health.publish;

/** The CloudEvents {@code ce_source} of what this service publishes. */
public final class EventSources {

    public static final String HEALTH_MONITOR = "/mcp-dr/health-monitor";

    private EventSources() {}
}
