package io.mcpbridge.dr.notifier.delivery;

import java.util.concurrent.CompletionException;

/**
 * A notification this instance no longer delivers: its partition moved to another instance while it was queued.
 * Neither done nor refused: its record is left unacknowledged, so the instance that owns it now delivers it.
 */
public final class HandedOverException extends RuntimeException {

    public HandedOverException(String channel) {
        super(channel + ": handed over to the instance that owns it now", null, false, false);
    }

    /** Whether a failure (as a future reports it) is this one. */
    public static boolean is(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof HandedOverException;
    }
}
