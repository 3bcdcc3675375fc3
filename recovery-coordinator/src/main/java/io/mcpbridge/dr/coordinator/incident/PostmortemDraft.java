package io.mcpbridge.dr.coordinator.incident;

import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.StepOutcome;
import io.mcpbridge.dr.events.incident.TimelineEntry;
import io.quarkus.qute.Engine;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan's postmortem template, filled from a resolved incident's timeline: what can be known from the
 * record is written, what needs people (root cause, contributing factors, lessons) is marked as such.
 */
public final class PostmortemDraft {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Template TEMPLATE = load();

    private PostmortemDraft() {}

    public static String render(Incident incident) {
        Duration duration = incident.resolvedAt() == null
                ? incident.rto()
                : Duration.between(incident.detectedAt(), incident.resolvedAt());
        List<String> timeline = incident.timeline().stream()
                .map(entry -> TIME.format(entry.time()) + " UTC " + entry.step() + " " + entry.outcome() + ": "
                        + entry.detail())
                .toList();
        List<String> wentWell = new ArrayList<>();
        List<String> toImprove = new ArrayList<>();
        wentWell.add("Detected automatically at " + TIME.format(incident.detectedAt()) + " UTC");
        for (TimelineEntry entry : incident.timeline()) {
            if (entry.outcome() == StepOutcome.SUCCEEDED && !entry.step().startsWith("verify")) {
                wentWell.add(entry.step() + " succeeded: " + entry.detail());
            } else if (entry.outcome() == StepOutcome.FAILED || entry.outcome() == StepOutcome.REFUSED) {
                toImprove.add(entry.step() + " " + entry.outcome() + ": " + entry.detail());
            }
        }
        boolean met = incident.rto() != null && incident.rto().compareTo(incident.rtoTarget()) <= 0;
        if (incident.escalatedAt() != null) {
            toImprove.add(
                    "Automation escalated at " + TIME.format(incident.escalatedAt()) + " UTC: people finished it");
        }
        if (!met) {
            toImprove.add("The RTO target was missed");
        }
        if (toImprove.isEmpty()) {
            toImprove.add("*To be completed.*");
        }
        return TEMPLATE.data("incident", incident)
                .data("date", DATE.format(incident.detectedAt()))
                .data("duration", human(duration))
                .data("impact", impact(incident.severity()))
                .data("rto", human(incident.rto()))
                .data("rtoTarget", human(incident.rtoTarget()))
                .data("rtoVerdict", met ? "met" : "missed")
                .data("timeline", timeline)
                .data(
                        "firstSignal",
                        incident.timeline().isEmpty()
                                ? incident.summary()
                                : incident.timeline().get(0).detail())
                .data("wentWell", wentWell)
                .data("toImprove", toImprove)
                .render();
    }

    private static String impact(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "Severe: core services down";
            case HIGH -> "High: full service at risk";
            case MEDIUM -> "Some features affected";
            case LOW -> "Minimal";
        };
    }

    private static String human(Duration duration) {
        if (duration == null) {
            return "unknown";
        }
        long seconds = duration.toSeconds();
        return seconds < 120 ? seconds + " s" : seconds < 7200 ? (seconds / 60) + " min" : (seconds / 3600) + " h";
    }

    private static Template load() {
        try (InputStream in = PostmortemDraft.class.getResourceAsStream("/postmortem/draft.md")) {
            if (in == null) {
                throw new IllegalStateException("/postmortem/draft.md is missing from the classpath");
            }
            Engine engine = Engine.builder()
                    .addDefaults()
                    .addValueResolver(new ReflectionValueResolver())
                    .build();
            return engine.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
