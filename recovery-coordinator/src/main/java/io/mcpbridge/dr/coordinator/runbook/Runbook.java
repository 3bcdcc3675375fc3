package io.mcpbridge.dr.coordinator.runbook;

import java.util.List;

/**
 * The plan's procedure for one scenario, as data.
 *
 * @param scenario    which scenario it answers
 * @param description what it is for, for people
 * @param manualOnly  whether only a manual command may start it (security breach, site and infrastructure loss)
 * @param steps       in order
 */
public record Runbook(Scenario scenario, String description, boolean manualOnly, List<Step> steps) {

    public Runbook {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }
}
