package io.mcpbridge.dr.events.health;

/** The state of one probe target after hysteresis. Moved on by health-monitor only. */
public enum HealthState {
    /** No verdict yet: the monitor started and has not seen enough probes to decide. */
    UNKNOWN,
    /** Serving, nothing at risk. */
    UP,
    /** Serving, but something the plan relies on is missing (AOF off, certificate near expiry, slow). */
    DEGRADED,
    /** Not serving, or the probe failed the configured number of times in a row. */
    DOWN;

    /** Whether the target serves traffic in this state. */
    public boolean serving() {
        return this == UP || this == DEGRADED;
    }
}
