package io.mcpbridge.dr.events.json;

/** A payload that will never parse; its message is the reason recorded on the dead letter topic. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String reason) {
        super(reason);
    }

    public MalformedEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
