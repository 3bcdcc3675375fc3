package io.mcpbridge.dr.coordinator.drill;

import io.mcpbridge.dr.events.backup.BackupResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands backup-service's terminal results to whoever waits for them by command id (a drill waits for the
 * verifications and restores it asked for). Every believed result the coordinator reads is offered here.
 */
@ApplicationScoped
public class BackupWaiters {

    private final Map<String, CompletableFuture<BackupResult>> waiting = new ConcurrentHashMap<>();

    /** To be called before the command is sent, so its result cannot come first. */
    public CompletableFuture<BackupResult> expect(String commandId) {
        return waiting.computeIfAbsent(commandId, id -> new CompletableFuture<>());
    }

    public void offer(BackupResult result) {
        if (result.phase().terminal()) {
            CompletableFuture<BackupResult> waiter = waiting.remove(result.commandId());
            if (waiter != null) {
                waiter.complete(result);
            }
        }
    }

    /** Nobody waits any more (a timeout): a late result is dropped. */
    public void forget(String commandId) {
        waiting.remove(commandId);
    }
}
