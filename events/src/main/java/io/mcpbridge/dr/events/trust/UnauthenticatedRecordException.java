package io.mcpbridge.dr.events.trust;

/**
 * A record is not believed: unsigned, signed by a stranger or a revoked key, altered, stale or a replay. The
 * message is the reason given to people and to the dead letter topic; it never holds key material.
 */
public final class UnauthenticatedRecordException extends RuntimeException {

    public UnauthenticatedRecordException(String message) {
        super(message);
    }
}
