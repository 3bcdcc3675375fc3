package io.mcpbridge.dr.coordinator.runbook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.mcpbridge.dr.events.incident.RecoveryAction;
import java.util.Locale;
import java.util.Optional;

/**
 * The plan's disaster scenarios, plus the Redis failure its master script singles out, plus the single
 * actions engineers ask for by command (restore, fail over, revoke sessions, rotate credentials), each a
 * runbook of its own so it is recorded, confirmed and resumed like any other.
 */
public enum Scenario {
    /** Scenario 1: a gateway or router crashed or does not answer. */
    SERVICE_FAILURE,
    /** The master script's "redis" branch: the session store is failing. */
    REDIS_FAILURE,
    /** Scenario 3: configuration or session data is corrupted. */
    DATA_CORRUPTION,
    /** Scenario 4: credentials compromised or unauthorised access. */
    SECURITY_BREACH,
    /** Scenario 2: the primary data center is lost. */
    DATA_CENTER_FAILURE,
    /** Scenario 5: the whole infrastructure (cluster, VMs) is lost. */
    INFRASTRUCTURE_LOSS,
    /** A RESTORE command: the backup and scopes it names. */
    MANUAL_RESTORE,
    /** A FAIL_OVER command: to the configured standby. */
    MANUAL_FAIL_OVER,
    /** A REVOKE_SESSIONS command. */
    MANUAL_REVOKE_SESSIONS,
    /** A ROTATE_CREDENTIALS command. */
    MANUAL_ROTATE_CREDENTIALS;

    /** The runbook of a single-action command; empty for the commands that are not an action. */
    public static Optional<Scenario> forCommand(RecoveryAction action) {
        return Optional.ofNullable(
                switch (action) {
                    case RESTORE -> MANUAL_RESTORE;
                    case FAIL_OVER -> MANUAL_FAIL_OVER;
                    case REVOKE_SESSIONS -> MANUAL_REVOKE_SESSIONS;
                    case ROTATE_CREDENTIALS -> MANUAL_ROTATE_CREDENTIALS;
                    default -> null;
                });
    }

    /** In runbook files: {@code service-failure}. */
    @JsonValue
    public String fileName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static Scenario ofFileName(String name) {
        for (Scenario scenario : values()) {
            if (scenario.fileName().equals(name)) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + name + "'");
    }
}
