package io.mcpbridge.dr.coordinator.safety;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Components under maintenance, set and ended by manual commands: signals about them open SUPPRESSED
 * incidents and no action runs. A window ends on its own at its end time, so a forgotten "maintenance off"
 * cannot silence a component for ever.
 */
public final class MaintenanceWindows {

    /** One window: until when, who set it and why. */
    public record Window(String component, Instant until, String setBy, String reason) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public void start(Window window) {
        windows.put(window.component(), window);
    }

    public void end(String component) {
        windows.remove(component);
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
