package io.mcpbridge.dr.events.health;

/** How a target is probed. */
public enum ProbeKind {
    /** An HTTP GET with an expected status and optionally a JSON field check. */
    HTTP,
    /** Redis PING plus INFO persistence (AOF on is what the plan's one-minute RPO needs). */
    REDIS,
    /** The expiry of a certificate, from a file or a TLS handshake. */
    TLS,
    /** A TCP connect. */
    TCP
}
