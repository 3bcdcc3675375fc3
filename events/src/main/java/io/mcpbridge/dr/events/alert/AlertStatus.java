package io.mcpbridge.dr.events.alert;

/** Alertmanager's alert status. Only firing alerts may trigger recovery. */
public enum AlertStatus {
    FIRING,
    RESOLVED
}
