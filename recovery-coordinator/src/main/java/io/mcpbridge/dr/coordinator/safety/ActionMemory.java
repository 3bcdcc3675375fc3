package io.mcpbridge.dr.coordinator.safety;

import io.mcpbridge.dr.events.incident.Incident;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When automated actions ran on each component, across its incidents, within the budget's window: what the
 * action budget is checked against. Learnt from every incident version published or read back, so it
 * survives restarts and moves of the partitions.
 */
@ApplicationScoped
public class ActionMemory {

    private final Map<String, List<Instant>> byComponent = new ConcurrentHashMap<>();
    private final ActionBudget budget;
    private final Clock clock;

    public ActionMemory(ActionBudget budget, Clock clock) {
        this.budget = budget;
        this.clock = clock;
    }

    /** Notes the incident's actions; forgets those older than the budget's window. */
    public void remember(Incident incident) {
        byComponent.merge(incident.component(), new ArrayList<>(incident.automatedActions()), (known, more) -> {
            List<Instant> all = new ArrayList<>(known);
            more.stream().filter(time -> !all.contains(time)).forEach(all::add);
            Instant horizon = clock.instant().minus(budget.window());
            all.removeIf(time -> time.isBefore(horizon));
            return all;
        });
    }

    /** The component's automated actions within the window. */
    public List<Instant> recent(String component) {
        return List.copyOf(byComponent.getOrDefault(component, List.of()));
    }
}
