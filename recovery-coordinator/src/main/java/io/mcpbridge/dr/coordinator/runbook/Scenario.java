package io.mcpbridge.dr.coordinator.runbook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The plan's disaster scenarios, plus the Redis failure its master script singles out. */
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
    INFRASTRUCTURE_LOSS;

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
