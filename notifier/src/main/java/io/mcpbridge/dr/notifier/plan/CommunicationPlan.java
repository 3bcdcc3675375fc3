package io.mcpbridge.dr.notifier.plan;

import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.notifier.config.NotifierConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plan's "Incident Communication Matrix" as data: each audience, its channels, and per severity by when it
 * must first hear of an incident; and how often an open incident's audiences hear again.
 *
 * <pre>
 * | Severity | Internal  | External | Leadership | Customers    |
 * | Critical | Immediate | 15 min   | 30 min     | 1 hour       |
 * | High     | 15 min    | 1 hour   | 2 hours    | 4 hours      |
 * | Medium   | 1 hour    | 4 hours  | Daily      | As needed    |
 * | Low      | Daily     | Weekly   | Weekly     | Not required |
 * </pre>
 *
 * Internal is Slack and PagerDuty and hears at once (its deadlines are then met at once); External is the public
 * status page, Leadership and Customers are email lists; those three hear at their deadline unless the incident
 * changes first (automation gets that long to recover before the world is told, and they hear at once of a
 * resolution). Every cell, channel list and cadence can be changed by configuration.
 */
public final class CommunicationPlan {

    public static final String INTERNAL = "internal";
    public static final String EXTERNAL = "external";
    public static final String LEADERSHIP = "leadership";
    public static final String CUSTOMERS = "customers";

    /** The plan's matrix and the template's 15-minute promise. */
    public static final CommunicationPlan PLAN = new CommunicationPlan(
            List.of(
                    audience(INTERNAL, List.of("slack", "pagerduty"), false, "Immediate", "15 min", "1 hour", "Daily"),
                    audience(EXTERNAL, List.of("statuspage"), true, "15 min", "1 hour", "4 hours", "Weekly"),
                    audience(LEADERSHIP, List.of("email"), true, "30 min", "2 hours", "Daily", "Weekly"),
                    audience(CUSTOMERS, List.of("email"), true, "1 hour", "4 hours", "As needed", "Not required")),
            cadence(Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofHours(1), Duration.ZERO));

    private final Map<String, Audience> audiences = new LinkedHashMap<>();
    private final Map<Severity, Duration> cadence;

    public CommunicationPlan(List<Audience> audiences, Map<Severity, Duration> cadence) {
        audiences.forEach(a -> this.audiences.put(a.name(), a));
        if (!this.audiences.containsKey(INTERNAL)) {
            throw new IllegalArgumentException("the communication plan needs the internal audience");
        }
        this.cadence = new EnumMap<>(cadence);
    }

    /** The plan with what the configuration changes; a cell that cannot be read stops the start, naming it. */
    public static CommunicationPlan of(NotifierConfig.Plan config) {
        Map<String, Audience> merged = new LinkedHashMap<>();
        PLAN.audiences().forEach(a -> merged.put(a.name(), a));
        config.audiences().forEach((name, settings) -> {
            Audience base = merged.get(name);
            Map<Severity, Cell> cells = new EnumMap<>(Severity.class);
            for (Severity severity : Severity.values()) {
                Optional<String> text = switch (severity) {
                    case CRITICAL -> settings.critical();
                    case HIGH -> settings.high();
                    case MEDIUM -> settings.medium();
                    case LOW -> settings.low();
                };
                Cell cell = text.map(t -> parse(name, severity, t))
                        .orElseGet(() ->
                                base == null ? new Cell(Cell.Kind.NOT_REQUIRED, Duration.ZERO) : base.cell(severity));
                cells.put(severity, cell);
            }
            List<String> channels = settings.channels()
                    .map(list -> list.stream()
                            .map(String::strip)
                            .filter(c -> !c.isEmpty())
                            .toList())
                    .orElse(base == null ? List.of() : base.channels());
            boolean waits = settings.waitForDeadline().orElse(base == null || base.waitsForDeadline());
            merged.put(name, new Audience(name, channels, waits, cells));
        });
        NotifierConfig.Updates updates = config.updates();
        return new CommunicationPlan(
                new ArrayList<>(merged.values()),
                cadence(updates.critical(), updates.high(), updates.medium(), updates.low()));
    }

    public List<Audience> audiences() {
        return List.copyOf(audiences.values());
    }

    public Audience internal() {
        return audiences.get(INTERNAL);
    }

    public Optional<Audience> audience(String name) {
        return Optional.ofNullable(audiences.get(name));
    }

    /** How long an open incident of this severity goes without an update; zero: no cadence. */
    public Duration cadence(Severity severity) {
        return cadence.getOrDefault(severity, Duration.ZERO);
    }

    private static Cell parse(String audience, Severity severity, String text) {
        try {
            return Cell.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "mcpdr.notifier.plan.audiences." + audience + "."
                            + severity.name().toLowerCase() + ": " + e.getMessage(),
                    e);
        }
    }

    private static Audience audience(
            String name,
            List<String> channels,
            boolean waits,
            String critical,
            String high,
            String medium,
            String low) {
        Map<Severity, Cell> cells = new EnumMap<>(Severity.class);
        cells.put(Severity.CRITICAL, Cell.parse(critical));
        cells.put(Severity.HIGH, Cell.parse(high));
        cells.put(Severity.MEDIUM, Cell.parse(medium));
        cells.put(Severity.LOW, Cell.parse(low));
        return new Audience(name, channels, waits, cells);
    }

    private static Map<Severity, Duration> cadence(Duration critical, Duration high, Duration medium, Duration low) {
        Map<Severity, Duration> cadence = new EnumMap<>(Severity.class);
        cadence.put(Severity.CRITICAL, critical);
        cadence.put(Severity.HIGH, high);
        cadence.put(Severity.MEDIUM, medium);
        cadence.put(Severity.LOW, low);
        return cadence;
    }
}
