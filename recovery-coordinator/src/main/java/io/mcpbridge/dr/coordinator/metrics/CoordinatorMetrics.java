package io.mcpbridge.dr.coordinator.metrics;

import io.mcpbridge.dr.coordinator.incident.IncidentBook;
import io.mcpbridge.dr.coordinator.incident.RecoveryPoints;
import io.mcpbridge.dr.coordinator.runbook.StrategySelector;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.incident.StepOutcome;
import io.mcpbridge.dr.events.incident.TimelineEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Prometheus families of the coordinator:
 * <ul>
 * <li>{@code mcpdr_incidents_opened_total{component,severity}} and {@code mcpdr_incidents_escalated_total{component}};
 * <li>{@code mcpdr_incident_rto_seconds{component,severity,met}}: detection to recovery of each resolved incident,
 * and whether it met the plan's target for its severity;
 * <li>{@code mcpdr_coordinator_steps_total{action_step,outcome}}: each runbook step's outcome;
 * <li>{@code mcpdr_incident_rpo_seconds{component}}: at detection, the age of the newest backup of the
 * affected data;
 * <li>{@code mcpdr_recovery_point_timestamp_seconds{scope}}: when the newest recovery point of each scope on
 * backup-service's catalog was taken (NaN until one is known);
 * <li>{@code mcpdr_coordinator_signals_total{kind}}: health events, alerts and accepted commands handled
 * (health events and alerts by their owner, or passed over by another instance);
 * <li>{@code mcpdr_incident_open_age_seconds{component}} and {@code mcpdr_incident_rto_target_seconds{component}}:
 * how long the open incident of each of the plan's components has lasted (0 when none is open here) and
 * the RTO target it is held to, so that an incident over its target is alerted on while it is still open.
 * </ul>
 * The counters of the plan's components and the outcomes exist from the start, zero-valued, so rules and
 * dashboards see an idle coordinator whole.
 */
@ApplicationScoped
public class CoordinatorMetrics {

    private static final Set<StepOutcome> OUTCOMES =
            EnumSet.of(StepOutcome.SUCCEEDED, StepOutcome.FAILED, StepOutcome.REFUSED, StepOutcome.SKIPPED);

    /** The plan's components, each with series from the start. */
    static final List<String> PLAN_COMPONENTS =
            List.of(StrategySelector.GATEWAY, StrategySelector.ROUTER, StrategySelector.REDIS);

    private final MeterRegistry registry;

    public CoordinatorMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String component : PLAN_COMPONENTS) {
            for (Severity severity : Severity.values()) {
                opened(component, severity);
            }
            escalated(component);
            rpo(component);
            for (Severity severity : Severity.values()) {
                rto(component, severity, true);
                rto(component, severity, false);
            }
        }
    }

    /** Exposes the age and RTO target of the open incident of each of the plan's components. */
    public void watch(IncidentBook book, Clock clock) {
        for (String component : PLAN_COMPONENTS) {
            replace(
                    "mcpdr_incident_open_age_seconds",
                    "component",
                    component,
                    Gauge.builder(
                                    "mcpdr_incident_open_age_seconds",
                                    book,
                                    b -> b.current(component)
                                            .filter(incident -> incident.state().open())
                                            .map(incident ->
                                                    (double) Duration.between(incident.detectedAt(), clock.instant())
                                                            .toSeconds())
                                            .orElse(0.0))
                            .description(
                                    "How long the open incident of the component has lasted; 0 when none is open"));
            replace(
                    "mcpdr_incident_rto_target_seconds",
                    "component",
                    component,
                    Gauge.builder(
                                    "mcpdr_incident_rto_target_seconds",
                                    book,
                                    b -> b.current(component)
                                            .filter(incident -> incident.state().open() && incident.rtoTarget() != null)
                                            .map(incident -> (double)
                                                    incident.rtoTarget().toSeconds())
                                            .orElse(Double.NaN))
                            .description("The RTO target of the component's open incident"));
        }
    }

    /** Counts what changed between two versions of an incident ({@code before} null when it opened). */
    public void changed(Incident before, Incident after) {
        if (before == null && after.rpo() != null) {
            rpo(after.component()).record(after.rpo());
        }
        if (before == null) {
            opened(after.component(), after.severity()).increment();
        }
        if (after.timeline().size() > (before == null ? 0 : before.timeline().size())) {
            TimelineEntry last = after.timeline().get(after.timeline().size() - 1);
            if (OUTCOMES.contains(last.outcome())) {
                Counter.builder("mcpdr_coordinator_steps_total")
                        .description("Runbook step outcomes")
                        .tag("step", last.step())
                        .tag("outcome", last.outcome().wireName())
                        .register(registry)
                        .increment();
            }
        }
        IncidentState previous = before == null ? null : before.state();
        if (previous != after.state() && after.state() == IncidentState.ESCALATED) {
            escalated(after.component()).increment();
        }
        if (previous != after.state() && after.state() == IncidentState.RESOLVED && after.rto() != null) {
            rto(after.component(), after.severity(), after.rto().compareTo(after.rtoTarget()) <= 0)
                    .record(after.rto());
        }
    }

    /** Exposes the recovery point of every scope. */
    public void watch(RecoveryPoints points) {
        for (BackupScope scope : BackupScope.values()) {
            replace(
                    "mcpdr_recovery_point_timestamp_seconds",
                    "scope",
                    scope.wireName(),
                    Gauge.builder(
                                    "mcpdr_recovery_point_timestamp_seconds",
                                    points,
                                    p -> p.latest(scope)
                                            .map(point -> point.at().toEpochMilli() / 1000.0)
                                            .orElse(Double.NaN))
                            .description(
                                    "When the newest recovery point of the scope on the backup catalog was taken"));
        }
    }

    /**
     * Registers a gauge in place of one of the same name and tags. A gauge reads the object it was registered
     * with: an application restarted in the same JVM (dev mode, tests) would otherwise go on showing the
     * stopped instance's state.
     */
    private void replace(String name, String tag, String value, Gauge.Builder<?> gauge) {
        Gauge stale = registry.find(name).tag(tag, value).gauge();
        if (stale != null) {
            registry.remove(stale);
        }
        gauge.tag(tag, value).register(registry);
    }

    private Counter opened(String component, Severity severity) {
        return Counter.builder("mcpdr_incidents_opened_total")
                .description("Incidents opened")
                .tag("component", component)
                .tag("severity", lower(severity.name()))
                .register(registry);
    }

    private Timer rpo(String component) {
        return Timer.builder("mcpdr_incident_rpo_seconds")
                .description("Age of the newest backup of the affected data at detection")
                .tag("component", component)
                .register(registry);
    }

    private Timer rto(String component, Severity severity, boolean met) {
        return Timer.builder("mcpdr_incident_rto_seconds")
                .description("Detection to recovery of resolved incidents")
                .tag("component", component)
                .tag("severity", lower(severity.name()))
                .tag("met", String.valueOf(met))
                .register(registry);
    }

    private Counter escalated(String component) {
        return Counter.builder("mcpdr_incidents_escalated_total")
                .description("Incidents handed to people")
                .tag("component", component)
                .register(registry);
    }

    /** A command refused before anything ran: {@code unauthenticated} (includes replays) or {@code malformed}. */
    public void refusedCommand(String why) {
        Counter.builder("mcpdr_coordinator_commands_refused_total")
                .description("Recovery commands refused")
                .tag("reason", why)
                .register(registry)
                .increment();
    }

    /** A backup result not signed by backup-service: ignored. */
    public void refusedResult() {
        Counter.builder("mcpdr_coordinator_backup_results_refused_total")
                .description("Backup results ignored because backup-service did not sign them")
                .register(registry)
                .increment();
    }

    /** A record or tombstone on the backup catalog not signed by backup-service: ignored. */
    public void refusedCatalogRecord() {
        Counter.builder("mcpdr_coordinator_backup_catalog_refused_total")
                .description("Backup catalog records ignored because backup-service did not sign them")
                .register(registry)
                .increment();
    }

    /** A health event, alert or accepted command was handled. */
    public void signal(String kind) {
        Counter.builder("mcpdr_coordinator_signals_total")
                .description("Signals handled")
                .tag("kind", kind)
                .register(registry)
                .increment();
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
