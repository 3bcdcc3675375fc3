package io.mcpbridge.dr.events.alert;

import java.time.Duration;

/** The plan's severities, with their recovery time objectives ("Recovery Objectives" of the plan). */
public enum Severity {
    /** Core services down: page at once; RTO under 15 minutes. */
    CRITICAL(Duration.ofMinutes(15)),
    /** Full service at risk: post at once, page on escalation; RTO under 1 hour. */
    HIGH(Duration.ofHours(1)),
    /** Some features affected: post; RTO under 4 hours. */
    MEDIUM(Duration.ofHours(4)),
    /** Cosmetic or at-risk only: daily digest; RTO under 24 hours. */
    LOW(Duration.ofHours(24));

    private final Duration targetRto;

    Severity(Duration targetRto) {
        this.targetRto = targetRto;
    }

    /** The plan's recovery time objective for this severity. */
    public Duration targetRto() {
        return targetRto;
    }
}
