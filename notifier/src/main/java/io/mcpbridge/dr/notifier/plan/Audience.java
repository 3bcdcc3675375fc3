package io.mcpbridge.dr.notifier.plan;

import io.mcpbridge.dr.events.alert.Severity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One audience of the plan's communication matrix: who, through which channels, by when per severity.
 *
 * @param name           {@code internal}, {@code external}, {@code leadership}, {@code customers}, or one of
 *                       the operator's own
 * @param channels       the channels that reach it ({@code slack}, {@code pagerduty}, {@code email},
 *                       {@code statuspage}); none means a person must tell it, so its commander is reminded
 * @param waitsForDeadline true: automation gets until the deadline to recover before this audience hears (it
 *                       hears at once of a resolution); false: it hears at once
 * @param cells          by severity
 */
public record Audience(String name, List<String> channels, boolean waitsForDeadline, Map<Severity, Cell> cells) {

    public Audience {
        channels = List.copyOf(channels);
        cells = new EnumMap<>(cells);
        for (Severity severity : Severity.values()) {
            if (!cells.containsKey(severity)) {
                throw new IllegalArgumentException("audience " + name + " has no cell for " + severity);
            }
        }
    }

    public Cell cell(Severity severity) {
        return cells.get(severity);
    }

    @Override
    public Map<Severity, Cell> cells() {
        return Map.copyOf(cells);
    }
}
