package io.mcpbridge.dr.coordinator.drill;

import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupResult;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** How a drill has backup-service do something: the command sent, its terminal result awaited. */
@FunctionalInterface
public interface BackupRequests {

    /**
     * @throws TimeoutException when no terminal result came within {@code timeout}
     */
    BackupResult run(BackupCommand command, Duration timeout) throws InterruptedException, TimeoutException;
}
