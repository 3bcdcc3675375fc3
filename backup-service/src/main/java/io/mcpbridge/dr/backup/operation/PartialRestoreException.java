package io.mcpbridge.dr.backup.operation;

import java.util.Map;

/**
 * A restore lost its target part-way (a Redis connection dropped): some keys were written, the rest were not,
 * and the file and Kubernetes scopes were not applied. Every write is a whole-key replace, so the same
 * restore run again completes it.
 */
public final class PartialRestoreException extends OperationFailedException {

    private final transient Map<String, Long> counts;

    public PartialRestoreException(String message, Map<String, Long> counts) {
        super(message);
        this.counts = Map.copyOf(counts);
    }

    /** What was written before it broke off. */
    public Map<String, Long> counts() {
        return counts;
    }
}
