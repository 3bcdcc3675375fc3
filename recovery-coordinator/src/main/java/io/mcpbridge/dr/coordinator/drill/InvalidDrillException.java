package io.mcpbridge.dr.coordinator.drill;

/** A drill definition that cannot be run as written; the coordinator refuses to start with it. */
public final class InvalidDrillException extends IllegalArgumentException {

    public InvalidDrillException(String message) {
        super(message);
    }
}
