package io.mcpbridge.dr.health.webhook;

/** A webhook body that will never be valid; the message tells the sender what is wrong. */
public class InvalidNotificationException extends RuntimeException {

    public InvalidNotificationException(String message) {
        super(message);
    }
}
