package io.mcpbridge.dr.coordinator.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MaintenanceWindowsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void aWindowCoversItsComponentUntilItEndsOrIsEnded() {
        MaintenanceWindows windows = new MaintenanceWindows();
        windows.start(new MaintenanceWindows.Window("gateway", NOW.plus(Duration.ofHours(1)), "alice", "upgrade"));

        assertThat(windows.active("gateway", NOW.plusSeconds(60))).isPresent();
        assertThat(windows.active("router", NOW.plusSeconds(60))).isEmpty();
        assertThat(windows.active("gateway", NOW.plus(Duration.ofHours(1))))
                .as("a forgotten window ends by itself")
                .isEmpty();

        windows.start(new MaintenanceWindows.Window("router", NOW.plus(Duration.ofHours(1)), "bob", "tls"));
        windows.end("router");
        assertThat(windows.active("router", NOW)).isEmpty();
    }
}
