package io.mcpbridge.dr.drctl.commands.state;

import io.mcpbridge.dr.drctl.output.Terminal;
import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.events.incident.IncidentState;

/** The colours of states, the same in every table: red needs someone, yellow is in hand, green is well. */
final class Paint {

    private Paint() {}

    static String state(Terminal terminal, IncidentState state) {
        return switch (state) {
            case ESCALATED -> terminal.red(state.name());
            case DETECTED, RECOVERING, VERIFYING -> terminal.yellow(state.name());
            case RESOLVED -> terminal.green(state.name());
            case SUPPRESSED -> terminal.dim(state.name());
        };
    }

    static String health(Terminal terminal, HealthState state) {
        return switch (state) {
            case UP -> terminal.green(state.name());
            case DEGRADED -> terminal.yellow(state.name());
            case DOWN -> terminal.red(state.name());
            case UNKNOWN -> terminal.dim(state.name());
        };
    }
}
