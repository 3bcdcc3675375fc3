package io.mcpbridge.dr.coordinator.incident;

import io.mcpbridge.dr.coordinator.runbook.Scenario;
import io.mcpbridge.dr.coordinator.runbook.StrategySelector;
import io.mcpbridge.dr.coordinator.safety.MaintenanceWindows;
import io.mcpbridge.dr.events.alert.AlertEvent;
import io.mcpbridge.dr.events.alert.AlertStatus;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.events.health.TargetHealth;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.incident.StepOutcome;
import io.mcpbridge.dr.events.incident.TimelineEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The incidents of the components this coordinator owns: at most one current incident per component, into
 * which every later signal folds. Opening follows the safety rails: only a DOWN transition or a firing
 * alert of severity CRITICAL or HIGH opens one; UP transitions and resolved alerts are recorded in an open
 * incident and never act (but the resolution of the alert that opened one resolves it); under a maintenance
 * window the incident is SUPPRESSED. It keeps the latest health of every component too, for the master
 * script's choice of runbook.
 *
 * <p>A change it works out is only a proposal: the book holds an incident version once it was published
 * ({@link #update}). A version whose publication failed is not remembered, so the next signal opens or moves
 * the incident again, and its opening is announced then.
 */
public final class IncidentBook {

    /** The parameter naming the alert instance (fingerprint and start) that opened an incident. */
    public static final String ALERT = "alert";

    /** The plan's component table: gateway and router are critical, the session store high. */
    private static final Map<String, Severity> COMPONENT_SEVERITY = Map.of(
            StrategySelector.GATEWAY, Severity.CRITICAL,
            StrategySelector.ROUTER, Severity.CRITICAL,
            StrategySelector.REDIS, Severity.HIGH);

    /**
     * What a signal did.
     *
     * @param incident the incident it opened or changed, if any
     * @param opened   whether it opened the incident
     * @param ignored  why nothing happened, when nothing did
     */
    public record Change(Optional<Incident> incident, boolean opened, String ignored) {

        static Change ignored(String why) {
            return new Change(Optional.empty(), false, why);
        }

        /** The component belongs to another instance's partitions. */
        public static Change notOwned(String component) {
            return ignored(component + " is handled by another instance");
        }
    }

    private final Clock clock;
    private final MaintenanceWindows maintenance;
    private final RecoveryPoints recoveryPoints;
    private final Map<String, Incident> current = new ConcurrentHashMap<>();
    private final Map<String, HealthState> health = new ConcurrentHashMap<>();
    /** The firing alerts that opened an incident ({@link #ALERT}), so a repeat of one never opens another. */
    private final Set<String> alertsThatOpened = ConcurrentHashMap.newKeySet();

    /** @param recoveryPoints the last good backups, for the RPO stamped on every incident it opens */
    public IncidentBook(Clock clock, MaintenanceWindows maintenance, RecoveryPoints recoveryPoints) {
        this.clock = clock;
        this.maintenance = maintenance;
        this.recoveryPoints = recoveryPoints;
    }

    /** Takes an incident read back from the incidents topic (start-up, partition assignment). */
    public void restore(Incident incident) {
        Optional.ofNullable(incident.parameters().get(ALERT)).ifPresent(alertsThatOpened::add);
        current.compute(incident.component(), (component, known) -> {
            if (known != null
                    && !known.id().equals(incident.id())
                    && known.detectedAt().isAfter(incident.detectedAt())) {
                return known; // an older incident's late record
            }
            if (known != null && known.id().equals(incident.id()) && known.version() >= incident.version()) {
                return known;
            }
            return incident.state().open() || incident.state() == IncidentState.SUPPRESSED ? incident : null;
        });
    }

    /** Records the latest version of an incident this book handed out and someone changed. */
    public void update(Incident incident) {
        restore(incident);
    }

    public Optional<Incident> current(String component) {
        return Optional.ofNullable(current.get(component));
    }

    /** The master script's runbook for a component said to be failing, given what is known of the others. */
    public Scenario strategyFor(String component) {
        Map<String, HealthState> view = new HashMap<>(health);
        view.put(component, HealthState.DOWN);
        return StrategySelector.select(view);
    }

    /** Forgets the components {@code owned} no longer accepts (partitions moved to another instance). */
    public void retain(Predicate<String> owned) {
        current.keySet().removeIf(owned.negate());
        health.keySet().removeIf(owned.negate());
    }

    /** The components that have a current incident. */
    public Set<String> components() {
        return Set.copyOf(current.keySet());
    }

    public Change onHealth(TargetHealth signal, boolean transition) {
        health.put(signal.component(), signal.state());
        if (!transition) {
            return Change.ignored("a snapshot opens nothing");
        }
        String detail = signal.target() + " " + signal.previousState() + " -> " + signal.state()
                + (signal.lastError() == null ? "" : ": " + signal.lastError());
        if (signal.state() == HealthState.DOWN) {
            return openOrFold(
                    signal.component(),
                    severityOf(signal.component()),
                    signal.component() + " DOWN" + (signal.lastError() == null ? "" : ": " + signal.lastError()),
                    detail,
                    signal.since(),
                    Map.of());
        }
        return fold(signal.component(), detail);
    }

    public Change onAlert(AlertEvent alert) {
        String detail =
                "alert " + alert.alertname() + " " + alert.status() + " (" + alert.severity() + "): " + alert.summary();
        if (alert.status() == AlertStatus.RESOLVED) {
            return resolvedAlert(alert, detail);
        }
        if (alert.severity() != Severity.CRITICAL && alert.severity() != Severity.HIGH) {
            Change folded = fold(alert.component(), detail);
            return folded.incident().isPresent()
                    ? folded
                    : Change.ignored("a " + alert.severity() + " alert opens no incident");
        }
        // Alertmanager repeats a firing alert (and a second webhook replica may too): one instance of an alert,
        // its fingerprint and start, opens at most one incident, however often it comes after that one ended.
        String instance = alert.fingerprint() + "@" + alert.startsAt();
        Incident known = current.get(alert.component());
        boolean open = known != null && (known.state().open() || stillSuppressed(known, clock.instant()));
        if (!open && alertsThatOpened.contains(instance)) {
            return Change.ignored("alert " + alert.alertname() + " " + instance + " already had its incident");
        }
        return openOrFold(
                alert.component(),
                alert.severity(),
                alert.alertname() + ": " + alert.summary(),
                detail,
                alert.startsAt(),
                Map.of(ALERT, instance));
    }

    /**
     * Starts a runbook an engineer asked for. No open incident: one is opened for it. An ESCALATED one (people
     * own it): they take it on with this runbook, from its first step. One that automation is still working
     * on: refused, so that two hands never move it; escalate it first.
     */
    public Change openManual(ManualRun run) {
        Instant now = clock.instant();
        Incident known = current.get(run.component());
        if (known != null && known.state() == IncidentState.ESCALATED) {
            Incident handedOver = Incidents.handOver(
                    known,
                    run.scenario().fileName(),
                    run.parameters(),
                    new TimelineEntry(
                            now,
                            TimelineEntry.RUNBOOK,
                            StepOutcome.STARTED,
                            run.scenario().fileName() + " started by " + run.requestedBy()));
            for (TimelineEntry entry : run.commandEntries(now)) {
                handedOver = Incidents.note(handedOver, entry);
            }
            return new Change(Optional.of(handedOver), false, null);
        }
        if (known != null && known.state().open()) {
            return Change.ignored("automation is working on " + known.id() + " (" + known.state()
                    + "): escalate it first to take it on");
        }
        List<TimelineEntry> timeline = new ArrayList<>();
        timeline.add(new TimelineEntry(
                now,
                TimelineEntry.DETECTED,
                StepOutcome.INFO,
                "requested by " + run.requestedBy() + ": " + run.summary()));
        timeline.addAll(run.commandEntries(now));
        Incident incident = Incident.opened(
                IncidentIds.of(run.component(), now),
                run.component(),
                run.scenario().fileName(),
                run.parameters(),
                run.severity(),
                IncidentState.DETECTED,
                run.summary(),
                now,
                timeline);
        Incident stamped = recoveryPoints.stamp(incident);
        return new Change(Optional.of(stamped), true, null);
    }

    private Change openOrFold(
            String component,
            Severity severity,
            String summary,
            String detail,
            Instant since,
            Map<String, String> parameters) {
        Instant now = clock.instant();
        Incident known = current.get(component);
        if (known != null && (known.state().open() || stillSuppressed(known, now))) {
            return fold(component, detail);
        }
        Optional<MaintenanceWindows.Window> window = maintenance.active(component, now);
        IncidentState state = window.isPresent() ? IncidentState.SUPPRESSED : IncidentState.DETECTED;
        String first = window.map(w -> detail + "; suppressed: maintenance by " + w.setBy() + " until " + w.until()
                        + " (" + w.reason() + ")")
                .orElse(detail);
        Instant detectedAt = since != null && since.isBefore(now) ? since : now;
        // Named by when it was opened, not by the signal's own time: two alerts may share a start.
        Incident incident = Incident.opened(
                IncidentIds.of(component, now),
                component,
                // The signal says this component is failing, whatever its last probe said.
                strategyFor(component).fileName(),
                parameters,
                severity,
                state,
                summary,
                detectedAt,
                List.of(new TimelineEntry(now, TimelineEntry.DETECTED, StepOutcome.INFO, first)));
        Incident stamped = recoveryPoints.stamp(incident);
        return new Change(Optional.of(stamped), true, null);
    }

    private Change fold(String component, String detail) {
        Incident known = current.get(component);
        Instant now = clock.instant();
        if (known == null || !(known.state().open() || stillSuppressed(known, now))) {
            return Change.ignored("no open incident for " + component);
        }
        Incident folded = Incidents.note(known, new TimelineEntry(now, TimelineEntry.SIGNAL, StepOutcome.INFO, detail));
        return new Change(Optional.of(folded), false, null);
    }

    /**
     * The alert that opened the component's open incident resolved: so does the incident (when the probes agreed
     * with it, automation has already moved it on; when they did not, people were holding it). Any other
     * alert's resolution is noted.
     */
    private Change resolvedAlert(AlertEvent alert, String detail) {
        Incident known = current.get(alert.component());
        String instance = alert.fingerprint() + "@" + alert.startsAt();
        if (known == null
                || !known.state().open()
                || !instance.equals(known.parameters().get(ALERT))) {
            return fold(alert.component(), detail);
        }
        Incident resolved = Incidents.advance(
                known,
                IncidentState.RESOLVED,
                new TimelineEntry(
                        clock.instant(),
                        TimelineEntry.SIGNAL,
                        StepOutcome.RESOLVED,
                        detail + ": the alert that opened this incident is over"));
        return new Change(Optional.of(resolved), false, null);
    }

    private boolean stillSuppressed(Incident incident, Instant now) {
        return incident.state() == IncidentState.SUPPRESSED
                && maintenance.active(incident.component(), now).isPresent();
    }

    private static Severity severityOf(String component) {
        return COMPONENT_SEVERITY.getOrDefault(component, Severity.HIGH);
    }
}
