package io.mcpbridge.dr.coordinator.notice;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.coordinator.incident.Incidents;
import io.mcpbridge.dr.coordinator.support.DownIncidents;
import io.mcpbridge.dr.events.alert.AlertEvent;
import io.mcpbridge.dr.events.alert.AlertStatus;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.events.health.ProbeKind;
import io.mcpbridge.dr.events.health.TargetHealth;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.incident.StepOutcome;
import io.mcpbridge.dr.events.incident.TimelineEntry;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What people are told of an incident's changes, with every template field the incident can fill filled. */
class NoticesTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void anIncidentOpenedRecoveringAcknowledgedAndResolvedIsToldEachTimeWithItsOwnId() {
        Incident opened = DownIncidents.of("gateway", T0);
        Incident recovering = Incidents.advance(
                opened, IncidentState.RECOVERING, entry("restart", StepOutcome.STARTED, "rollout restart"));
        Incident acknowledged = Incidents.note(
                        recovering, entry(TimelineEntry.COMMAND, StepOutcome.ACKNOWLEDGED, "acknowledged by alice"))
                .withCommander("alice");
        Incident restarted =
                Incidents.note(acknowledged, entry("restart", StepOutcome.SUCCEEDED, "deployment restarted"));
        Incident resolved = Incidents.advance(
                restarted,
                IncidentState.RESOLVED,
                entry(TimelineEntry.STATE, StepOutcome.RESOLVED, "verified healthy"));

        NotificationRequest first = Notices.forChange(null, opened, T0).orElseThrow();
        NotificationRequest second = Notices.forChange(opened, recovering, T0).orElseThrow();
        NotificationRequest third =
                Notices.forChange(recovering, acknowledged, T0).orElseThrow();
        NotificationRequest last = Notices.forChange(restarted, resolved, T0).orElseThrow();

        assertThat(List.of(first.kind(), second.kind(), third.kind(), last.kind()))
                .containsExactly(
                        NotificationKind.INCIDENT_OPENED,
                        NotificationKind.INCIDENT_UPDATED,
                        NotificationKind.INCIDENT_UPDATED,
                        NotificationKind.INCIDENT_RESOLVED);
        assertThat(List.of(first.id(), second.id(), third.id(), last.id())).doesNotHaveDuplicates();
        assertThat(second.status()).startsWith("Recovering");
        assertThat(first.incidentCommander())
                .as("nobody yet: the notifier names the on-call")
                .isNull();
        assertThat(third.incidentCommander()).isEqualTo("alice");
        assertThat(third.status()).contains("alice leads");
        assertThat(last.incidentCommander()).isEqualTo("alice");
        assertThat(first.customerImpact()).isEqualTo("Severe");
        assertThat(last.rootCause())
                .startsWith("Automatic: ")
                .contains("gateway DOWN")
                .contains("recovered by service-failure / restart");
        assertThat(last.dataLoss()).isEqualTo("None (gateway holds no data)");
    }

    @Test
    void sessionsRestoredFromABackupSayWhatMayBeLostByItsRecoveryPoint() {
        Incident redis = Incident.opened(
                        "inc-redis",
                        "redis",
                        "redis-failure",
                        Map.of(),
                        Severity.HIGH,
                        IncidentState.DETECTED,
                        "redis DOWN",
                        T0,
                        List.of(entry(TimelineEntry.DETECTED, StepOutcome.INFO, "redis DOWN")))
                .withRecoveryPoint(Duration.ofMinutes(6), "bk-42");
        // As the runbook runner notes a restore backup-service finished.
        Incident restored = Incidents.note(
                redis,
                entry(
                        "restore-sessions",
                        StepOutcome.SUCCEEDED,
                        "backup-service: restore of bk-42 succeeded {keys=500}"));
        Incident restarted = Incidents.note(redis, entry("restart", StepOutcome.SUCCEEDED, "statefulset restarted"));

        assertThat(IncidentFacts.dataLoss(restored))
                .isEqualTo("Data written in the last 6 min before detection may be lost (restored from backup bk-42)");
        assertThat(IncidentFacts.dataLoss(restarted)).isEqualTo("None: no data was restored");
        assertThat(IncidentFacts.customerImpact(redis)).isEqualTo("Moderate");
        assertThat(IncidentFacts.rootCause(restored)).contains("redis-failure / restore-sessions");
    }

    @Test
    void customerImpactFollowsTheDocumentedTable() {
        assertThat(impact("gateway", "service-failure", IncidentState.DETECTED)).isEqualTo("Severe");
        assertThat(impact("redis", "redis-failure", IncidentState.DETECTED)).isEqualTo("Moderate");
        assertThat(impact("redis", "data-corruption", IncidentState.DETECTED)).isEqualTo("Moderate");
        assertThat(impact("gateway", "security-breach", IncidentState.DETECTED)).isEqualTo("Severe");
        assertThat(impact("gateway", "data-center-failure", IncidentState.DETECTED))
                .isEqualTo("Severe");
        assertThat(impact("redis", "manual-restore", IncidentState.DETECTED)).isEqualTo("Minimal");
        assertThat(impact("gateway", "service-failure", IncidentState.SUPPRESSED))
                .isEqualTo("Minimal");
    }

    @Test
    void aDegradedTargetIsPostedAndItsRecoveryDigestedNeitherPages() {
        TargetHealth aofOff = new TargetHealth(
                "redis",
                "redis",
                ProbeKind.REDIS,
                "redis://redis:6379",
                HealthState.DEGRADED,
                HealthState.UP,
                T0,
                2,
                3,
                "AOF persistence is off",
                T0);
        TargetHealth back = new TargetHealth(
                "redis",
                "redis",
                ProbeKind.REDIS,
                "redis://redis:6379",
                HealthState.UP,
                HealthState.DEGRADED,
                T0.plusSeconds(600),
                2,
                3,
                null,
                T0.plusSeconds(600));
        TargetHealth down = new TargetHealth(
                "redis",
                "redis",
                ProbeKind.REDIS,
                "redis://redis:6379",
                HealthState.DOWN,
                HealthState.UP,
                T0,
                2,
                3,
                "refused",
                T0);

        NotificationRequest degraded = Notices.forHealth(aofOff, T0).orElseThrow();
        NotificationRequest recovered = Notices.forHealth(back, T0).orElseThrow();

        assertThat(degraded.kind()).isEqualTo(NotificationKind.ATTENTION);
        assertThat(degraded.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(degraded.summary()).contains("AOF persistence is off");
        assertThat(recovered.severity()).isEqualTo(Severity.LOW);
        assertThat(degraded.id()).isNotEqualTo(recovered.id());
        assertThat(Notices.forHealth(down, T0))
                .as("DOWN is an incident's business")
                .isEmpty();
    }

    @Test
    void aFiringAlertTooMildForAnIncidentIsToldOnceByItsSeverityAndNeverPages() {
        AlertEvent overdue = alert(Severity.MEDIUM, AlertStatus.FIRING);

        NotificationRequest notice = Notices.forAlert(overdue, T0).orElseThrow();

        assertThat(notice.kind()).isEqualTo(NotificationKind.ATTENTION);
        assertThat(notice.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(notice.summary()).startsWith("MCPDRDrillOverdue: ");
        assertThat(Notices.forAlert(overdue, T0.plusSeconds(300)).orElseThrow().id())
                .as("Alertmanager's repeat is the same notice")
                .isEqualTo(notice.id());
        assertThat(Notices.forAlert(alert(Severity.MEDIUM, AlertStatus.RESOLVED), T0))
                .isEmpty();
        assertThat(Notices.forAlert(alert(Severity.CRITICAL, AlertStatus.FIRING), T0))
                .as("an incident's business")
                .isEmpty();
    }

    private static AlertEvent alert(Severity severity, AlertStatus status) {
        return new AlertEvent(
                "dr-drills",
                severity,
                status,
                "MCPDRDrillOverdue",
                "f00d",
                "no passing full drill in 100 days",
                Map.of(),
                Map.of(),
                T0,
                null,
                null,
                null,
                null,
                null,
                T0);
    }

    private static String impact(String component, String scenario, IncidentState state) {
        return IncidentFacts.customerImpact(
                Incident.opened("inc-x", component, scenario, Map.of(), Severity.HIGH, state, "x", T0, List.of()));
    }

    private static TimelineEntry entry(String step, StepOutcome outcome, String detail) {
        return new TimelineEntry(T0, step, outcome, detail);
    }
}
