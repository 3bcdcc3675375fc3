package io.mcpbridge.dr.coordinator.safety;

import io.mcpbridge.dr.coordinator.intake.AcceptedCommand;
import io.mcpbridge.dr.events.incident.RecoveryCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Components under maintenance, set and ended by manual commands: signals about them open SUPPRESSED
 * incidents and no action runs. A window ends on its own at its end time, so a forgotten "maintenance off"
 * cannot silence a component for ever. The windows are rebuilt from the commands topic whenever the
 * coordinator's partitions change, so they outlive the instance that received them.
 */
public final class MaintenanceWindows {

    /** One window: until when, who set it and why. */
    public record Window(String component, Instant until, String setBy, String reason) {

        /** How long a window lasts when the command does not say. */
        public static final Duration DEFAULT_LENGTH = Duration.ofHours(1);

        /**
         * A MAINTENANCE_ON command's window: from the command's signed time, so replaying it cannot extend it.
         */
        public static Window of(AcceptedCommand accepted) {
            RecoveryCommand command = accepted.command();
            return new Window(
                    command.component(),
                    accepted.signedTime()
                            .plus(command.maintenanceFor() == null ? DEFAULT_LENGTH : command.maintenanceFor()),
                    command.requestedBy(),
                    String.valueOf(command.reason()));
        }
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public void start(Window window) {
        windows.put(window.component(), window);
    }

    public void end(String component) {
        windows.remove(component);
    }

    /** Forgets every window (before they are replayed from the commands of a new partition assignment). */
    public void clear() {
        windows.clear();
    }

    /** The window the component is under at {@code now}, if any. */
    public Optional<Window> active(String component, Instant now) {
        Window window = windows.get(component);
        if (window == null) {
            return Optional.empty();
        }
        if (!now.isBefore(window.until())) {
            windows.remove(component, window);
            return Optional.empty();
        }
        return Optional.of(window);
    }
}
