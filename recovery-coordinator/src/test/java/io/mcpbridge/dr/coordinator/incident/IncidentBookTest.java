package io.mcpbridge.dr.coordinator.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.coordinator.safety.MaintenanceWindows;
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
import io.mcpbridge.dr.testing.AlertEventBuilder;
import io.mcpbridge.dr.testing.TargetHealthBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** One incident per component, opened only by what the safety rails allow. */
class IncidentBookTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private final MaintenanceWindows maintenance = new MaintenanceWindows();
    private final IncidentBook book =
            new IncidentBook(Clock.fixed(NOW, ZoneOffset.UTC), maintenance, new RecoveryPoints());

    @Test
    void aDownTransitionOpensACriticalServiceFailureAndLaterSignalsFoldIntoIt() {
        book.onHealth(health("redis", HealthState.UP, HealthState.UP), false);

        IncidentBook.Change opened =
                published(book.onHealth(health("gateway", HealthState.UP, HealthState.DOWN), true));

        assertThat(opened.opened()).isTrue();
        Incident incident = opened.incident().orElseThrow();
        assertThat(incident.state()).isEqualTo(IncidentState.DETECTED);
        assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(incident.rtoTarget()).isEqualTo(Duration.ofMinutes(15));
        assertThat(incident.scenario()).isEqualTo("service-failure");
        assertThat(incident.id()).startsWith("inc-gateway-20261126T");

        IncidentBook.Change again =
                published(book.onHealth(health("gateway", HealthState.DOWN, HealthState.DOWN), true));
        IncidentBook.Change alert = book.onAlert(alert("gateway", Severity.CRITICAL, AlertStatus.FIRING));

        assertThat(again.opened()).isFalse();
        assertThat(alert.opened()).isFalse();
        Incident folded = alert.incident().orElseThrow();
        assertThat(folded.id()).isEqualTo(incident.id());
        assertThat(folded.version()).isEqualTo(3);
        assertThat(folded.timeline()).extracting(TimelineEntry::step).containsExactly("detected", "signal", "signal");
    }

    @Test
    void anIncidentWhosePublicationFailedIsNotHeldSoTheNextSignalOpensItAgain() {
        IncidentBook.Change lost = book.onHealth(health("gateway", HealthState.UP, HealthState.DOWN), true);
        assertThat(lost.opened()).isTrue(); // ...and its publication failed: nothing calls update

        assertThat(book.current("gateway")).isEmpty();
        IncidentBook.Change next = book.onHealth(health("gateway", HealthState.DOWN, HealthState.DOWN), true);
        assertThat(next.opened()).as("opened, and announced, again").isTrue();
        assertThat(next.incident().orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void theResolutionOfTheAlertThatOpenedAnIncidentResolvesIt() {
        AlertEvent firing = alert("gateway", Severity.CRITICAL, AlertStatus.FIRING);
        Incident opened = published(book.onAlert(firing)).incident().orElseThrow();

        Incident resolved = book.onAlert(alert("gateway", Severity.CRITICAL, AlertStatus.RESOLVED))
                .incident()
                .orElseThrow();

        assertThat(resolved.id()).isEqualTo(opened.id());
        assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
    }

    @Test
    void recoveriesAndResolvedAlertsNeverOpenAnIncident() {
        assertThat(book.onHealth(health("router", HealthState.DOWN, HealthState.UP), true)
                        .incident())
                .isEmpty();
        assertThat(book.onAlert(alert("router", Severity.CRITICAL, AlertStatus.RESOLVED))
                        .incident())
                .isEmpty();
        assertThat(book.onAlert(alert("router", Severity.MEDIUM, AlertStatus.FIRING))
                        .ignored())
                .contains("MEDIUM alert opens no incident");
        assertThat(book.onHealth(health("router", HealthState.UP, HealthState.DOWN), false)
                        .incident())
                .as("a snapshot is not a transition")
                .isEmpty();
        assertThat(book.current("router")).isEmpty();
    }

    @Test
    void aFiringHighAlertOpensOne() {
        Incident incident = book.onAlert(alert("redis", Severity.HIGH, AlertStatus.FIRING))
                .incident()
                .orElseThrow();

        assertThat(incident.severity()).isEqualTo(Severity.HIGH);
        assertThat(incident.summary()).contains("RedisDown");
    }

    @Test
    void anAlertAboutAComponentCountsItAsFailingWhateverItsLastProbeSaid() {
        book.onHealth(health("gateway", HealthState.DOWN, HealthState.UP), false);
        book.onHealth(health("router", HealthState.DOWN, HealthState.UP), false);

        Incident incident = book.onAlert(alert("router", Severity.CRITICAL, AlertStatus.FIRING))
                .incident()
                .orElseThrow();

        assertThat(incident.scenario()).isEqualTo("service-failure");
    }

    @Test
    void underMaintenanceTheIncidentIsSuppressedAndSignalsFoldIntoIt() {
        maintenance.start(new MaintenanceWindows.Window("gateway", NOW.plus(Duration.ofHours(1)), "alice", "upgrade"));

        Incident incident = published(book.onHealth(health("gateway", HealthState.UP, HealthState.DOWN), true))
                .incident()
                .orElseThrow();
        IncidentBook.Change again = book.onHealth(health("gateway", HealthState.DOWN, HealthState.DOWN), true);

        assertThat(incident.state()).isEqualTo(IncidentState.SUPPRESSED);
        assertThat(incident.timeline().get(0).detail()).contains("maintenance by alice");
        assertThat(again.opened()).isFalse();
        assertThat(again.incident().orElseThrow().id()).isEqualTo(incident.id());
    }

    @Test
    void afterResolutionTheNextDownOpensANewIncident() {
        Incident first = book.onHealth(health("gateway", HealthState.UP, HealthState.DOWN), true)
                .incident()
                .orElseThrow();
        book.update(Incidents.advance(
                first, IncidentState.RESOLVED, new TimelineEntry(NOW, "verify", StepOutcome.SUCCEEDED, "healthy")));

        IncidentBook.Change next = book.onHealth(health("gateway", HealthState.UP, HealthState.DOWN), true);

        assertThat(next.opened()).isTrue();
        assertThat(next.incident().orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void aFiringAlertRepeatedAfterItsIncidentEndedOpensNoOtherEvenAfterARestart() {
        AlertEvent firing = alert("gateway", Severity.CRITICAL, AlertStatus.FIRING);
        Incident first = book.onAlert(firing).incident().orElseThrow();
        Incident resolved = Incidents.advance(
                first, IncidentState.RESOLVED, new TimelineEntry(NOW, "verify", StepOutcome.SUCCEEDED, "UP"));
        book.update(resolved);

        assertThat(book.onAlert(firing).ignored()).contains("already had its incident");
        IncidentBook restarted = new IncidentBook(Clock.fixed(NOW, ZoneOffset.UTC), maintenance, new RecoveryPoints());
        restarted.restore(resolved);
        assertThat(restarted.onAlert(firing).incident())
                .as("known from the incidents topic")
                .isEmpty();

        AlertEvent firesAgain = AlertEventBuilder.of("gateway", firing.alertname())
                .severity(Severity.CRITICAL)
                .fingerprint(firing.fingerprint())
                .summary(firing.summary())
                .startsAt(NOW.plusSeconds(600))
                .build();
        assertThat(restarted.onAlert(firesAgain).opened())
                .as("a new start is a new alert instance")
                .isTrue();
    }

    @Test
    void incidentsReadBackFromTheTopicResumeAndOlderRecordsDoNotWin() {
        Incident open = book.onHealth(health("router", HealthState.UP, HealthState.DOWN), true)
                .incident()
                .orElseThrow();
        Incident newer = Incidents.note(open, new TimelineEntry(NOW, "signal", StepOutcome.INFO, "x"));
        IncidentBook restarted = new IncidentBook(Clock.fixed(NOW, ZoneOffset.UTC), maintenance, new RecoveryPoints());

        restarted.restore(newer);
        restarted.restore(open);

        assertThat(restarted.current("router")).contains(newer);
        assertThat(restarted
                        .onHealth(health("router", HealthState.DOWN, HealthState.DOWN), true)
                        .opened())
                .isFalse();
    }

    @Test
    void theRtoRunsFromDetectionToRecovery() {
        Incident incident = book.onHealth(health("gateway", HealthState.UP, HealthState.DOWN), true)
                .incident()
                .orElseThrow();
        Incident acting = Incidents.actionStarted(
                incident,
                new TimelineEntry(NOW.plusSeconds(1), "restart", StepOutcome.STARTED, "rollout restart"),
                true);
        Incident resolved = Incidents.advance(
                acting,
                IncidentState.RESOLVED,
                new TimelineEntry(NOW.plusSeconds(52), "verify-restart", StepOutcome.SUCCEEDED, "UP"));

        assertThat(acting.state()).isEqualTo(IncidentState.RECOVERING);
        assertThat(acting.recoveryStartedAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(acting.automatedActions()).containsExactly(NOW.plusSeconds(1));
        assertThat(resolved.recoveredAt()).isEqualTo(NOW.plusSeconds(52));
        assertThat(resolved.rto()).isEqualTo(Duration.ofSeconds(52));
        assertThat(resolved.timeline())
                .extracting(TimelineEntry::step)
                .containsExactly("detected", "state", "restart", "state", "verify-restart");
        assertThat(resolved.postmortem())
                .startsWith("# Incident Postmortem: " + incident.id())
                .contains(
                        "- **Date**: 2026-11-26",
                        "- **Duration**: 52 s",
                        "- **Severity**: CRITICAL",
                        "- **RTO**: 52 s against a target of 15 min: met",
                        "## Timeline",
                        "10:00:01 UTC restart started: rollout restart",
                        "## Root Cause",
                        "*To be completed.*",
                        "## What Went Well",
                        "Detected automatically at 10:00:00 UTC",
                        "## Action Items",
                        "| Review the service-failure runbook against this timeline |",
                        "## Lessons Learned");
        assertThat(acting.postmortem())
                .as("only a resolved incident carries one")
                .isNull();
    }

    private static TargetHealth health(String component, HealthState previous, HealthState state) {
        return TargetHealthBuilder.of(component)
                .probe(ProbeKind.HTTP, "http://" + component + ":8080/health")
                .state(state)
                .previously(previous)
                .at(NOW)
                .lastError(state == HealthState.DOWN ? "HTTP 503" : null)
                .build();
    }

    private static AlertEvent alert(String component, Severity severity, AlertStatus status) {
        String name = component.equals("redis") ? "RedisDown" : "McpGatewayUnhealthy";
        return AlertEventBuilder.of(component, name)
                .severity(severity)
                .status(status)
                .fingerprint("4f1e2c3b")
                .summary(name + " fired")
                .startsAt(NOW)
                .endsAt(status == AlertStatus.RESOLVED ? NOW : null)
                .build();
    }

    /** What the coordinator does once a change is on the incidents topic. */
    private IncidentBook.Change published(IncidentBook.Change change) {
        change.incident().ifPresent(book::update);
        return change;
    }
}
