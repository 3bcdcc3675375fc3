package io.mcpbridge.dr.backup.operation;

/** An operation could not be done; the message is the reason published in the FAILED result. */
public class OperationFailedException extends RuntimeException {

    public OperationFailedException(String message) {
        super(message);
    }

    public OperationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
