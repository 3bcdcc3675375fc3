package io.mcpbridge.dr.coordinator.history;

import io.mcpbridge.dr.coordinator.config.CoordinatorConfig;
import io.mcpbridge.dr.coordinator.incident.IncidentBook;
import io.mcpbridge.dr.coordinator.safety.ActionMemory;
import io.mcpbridge.dr.coordinator.safety.MaintenanceWindows;
import io.mcpbridge.dr.events.kafka.PartitionOwnership;
import io.mcpbridge.dr.events.trust.RecordAuthenticator;
import io.mcpbridge.dr.events.trust.ReplayGuard;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;

/**
 * What an instance learns when partitions are assigned to it, before it handles any of their records: the open
 * incidents of the components it now owns (with the actions that count against their budgets) from
 * {@code mcp-dr.incidents}, and from the commands topic the command ids already taken and the maintenance
 * windows still open. Whatever it knew of other components is dropped.
 */
@ApplicationScoped
public class HistoryReplay {

    private final CoordinatorConfig config;
    private final IncidentBook book;
    private final ActionMemory actions;
    private final MaintenanceWindows maintenance;
    private final RecordAuthenticator authenticator;
    private final ReplayGuard replays;
    private final Clock clock;
    private final Map<String, Object> kafkaConfig;

    public HistoryReplay(
            CoordinatorConfig config,
            IncidentBook book,
            ActionMemory actions,
            MaintenanceWindows maintenance,
            RecordAuthenticator authenticator,
            ReplayGuard replays,
            Clock clock,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.config = config;
        this.book = book;
        this.actions = actions;
        this.maintenance = maintenance;
        this.authenticator = authenticator;
        this.replays = replays;
        this.clock = clock;
        this.kafkaConfig = kafkaConfig;
    }

    /** How much was read back. */
    public record Replayed(int incidentsRead, int maintenanceCommands) {}

    /**
     * Reads back what {@code next} owns; called on the coordinator's loop.
     *
     * @throws IllegalStateException when the history cannot be read: acting without it could repeat a step
     */
    public Replayed replay(PartitionOwnership next) {
        book.retain(next::owns);
        maintenance.clear();
        replays.clear();
        int windows = CommandHistory.replay(
                kafkaConfig,
                clock.instant().minus(config.maintenanceLookback()),
                config.historyTimeout(),
                authenticator,
                replays,
                next::owns,
                maintenance);
        int read = IncidentHistory.load(kafkaConfig, config.historyTimeout(), incident -> {
            if (next.owns(incident.component())) {
                book.restore(incident);
                actions.remember(incident);
            }
        });
        return new Replayed(read, windows);
    }
}
