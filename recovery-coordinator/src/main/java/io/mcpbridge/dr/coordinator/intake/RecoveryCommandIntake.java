package io.mcpbridge.dr.coordinator.intake;

import io.mcpbridge.dr.coordinator.incident.IncidentBook;
import io.mcpbridge.dr.coordinator.incident.Incidents;
import io.mcpbridge.dr.coordinator.incident.ManualRun;
import io.mcpbridge.dr.coordinator.loop.Coordinator;
import io.mcpbridge.dr.coordinator.metrics.CoordinatorMetrics;
import io.mcpbridge.dr.coordinator.notice.Notices;
import io.mcpbridge.dr.coordinator.publish.EventSender;
import io.mcpbridge.dr.coordinator.publish.IncidentPublisher;
import io.mcpbridge.dr.coordinator.runbook.Scenario;
import io.mcpbridge.dr.coordinator.safety.MaintenanceWindows;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.incident.RecoveryAction;
import io.mcpbridge.dr.events.incident.RecoveryCommand;
import io.mcpbridge.dr.events.incident.StepOutcome;
import io.mcpbridge.dr.events.incident.TimelineEntry;
import io.mcpbridge.dr.events.json.MalformedEventException;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.events.trust.RecordAuthenticator;
import io.mcpbridge.dr.events.trust.ReplayGuard;
import io.mcpbridge.dr.events.trust.UnauthenticatedRecordException;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Engineers' commands. Nothing runs unless the command passes {@link AcceptedCommand#check}: complete, signed by
 * a trusted signer, fresh by the broker's time, keyed by its component and not taken before. A refused command
 * goes to the dead letter topic with the reason, and a low-severity notice (the notifier's digest) says so.
 * Maintenance on and off, acknowledge, escalate and resolve change the component's incident; RECOVER naming
 * a scenario, and the single actions (RESTORE, FAIL_OVER, REVOKE_SESSIONS, ROTATE_CREDENTIALS), start a
 * runbook (see {@link IncidentBook#openManual}); a RECOVER with {@code confirmed} and no scenario confirms
 * the destructive steps of the open incident. Each may be a dry run.
 */
@ApplicationScoped
public class RecoveryCommandIntake {

    private static final Logger LOG = Logger.getLogger(RecoveryCommandIntake.class);

    private final Coordinator coordinator;
    private final RecordAuthenticator authenticator;
    private final ReplayGuard replays;
    private final MaintenanceWindows maintenance;
    private final EventSender sender;
    private final Clock clock;
    private final CoordinatorMetrics metrics;

    public RecoveryCommandIntake(
            Coordinator coordinator,
            RecordAuthenticator authenticator,
            ReplayGuard replays,
            MaintenanceWindows maintenance,
            EventSender sender,
            Clock clock,
            CoordinatorMetrics metrics) {
        this.metrics = metrics;
        this.coordinator = coordinator;
        this.authenticator = authenticator;
        this.replays = replays;
        this.maintenance = maintenance;
        this.sender = sender;
        this.clock = clock;
    }

    /** A record of {@code mcp-dr.commands.recovery}, from the signal channel. */
    @SuppressWarnings("unchecked")
    public CompletionStage<Void> receive(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<String, byte[]> metadata =
                message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        AcceptedCommand accepted;
        try {
            accepted = AcceptedCommand.check(
                    metadata.getKey(),
                    message.getPayload(),
                    metadata.getHeaders(),
                    new AcceptedCommand.Place(
                            metadata.getTopic(),
                            metadata.getPartition(),
                            metadata.getOffset(),
                            metadata.getTimestamp().toEpochMilli(),
                            metadata.getTimestampType()),
                    authenticator,
                    replays);
        } catch (MalformedEventException | UnauthenticatedRecordException e) {
            LOG.warnf("recovery command refused: %s", e.getMessage());
            metrics.refusedCommand(e instanceof UnauthenticatedRecordException ? "unauthenticated" : "malformed");
            refusedNotice(metadata.getKey(), e.getMessage());
            return message.nack(e);
        } catch (RuntimeException e) {
            MalformedEventException unreadable = new MalformedEventException(
                    "unreadable command: " + e.getClass().getSimpleName());
            metrics.refusedCommand("malformed");
            return message.nack(unreadable);
        }
        handle(accepted);
        metrics.signal("command");
        return message.ack();
    }

    private void handle(AcceptedCommand accepted) {
        RecoveryCommand command = accepted.command();
        Instant now = clock.instant();
        String who = command.requestedBy() + (command.reason() == null ? "" : ": " + command.reason());
        switch (command.action()) {
            case MAINTENANCE_ON -> maintenance.start(MaintenanceWindows.Window.of(accepted));
            case MAINTENANCE_OFF -> maintenance.end(command.component());
            case ACKNOWLEDGE ->
                coordinator.change(
                        command.component(),
                        incident -> noteOf(incident, now, StepOutcome.ACKNOWLEDGED, "acknowledged by " + who));
            case ESCALATE ->
                coordinator.change(
                        command.component(),
                        incident -> Incidents.advance(
                                incident,
                                IncidentState.ESCALATED,
                                new TimelineEntry(
                                        now, TimelineEntry.COMMAND, StepOutcome.INFO, "escalated by " + who)));
            case RESOLVE ->
                coordinator.change(
                        command.component(),
                        incident -> Incidents.advance(
                                incident,
                                IncidentState.RESOLVED,
                                new TimelineEntry(now, TimelineEntry.COMMAND, StepOutcome.INFO, "resolved by " + who)));
            case RECOVER -> recover(command, who, now);
            case RESTORE, FAIL_OVER, REVOKE_SESSIONS, ROTATE_CREDENTIALS -> singleAction(command, who);
        }
    }

    private void singleAction(RecoveryCommand command, String who) {
        Map<String, String> parameters;
        try {
            parameters = singleActionParameters(command);
        } catch (IllegalArgumentException e) {
            notRun(command, e.getMessage());
            return;
        }
        start(command, Scenario.forCommand(command.action()).orElseThrow(), parameters, Severity.HIGH, who);
    }

    /** What a single-action command sets for its runbook: the backup and scopes of a RESTORE, checked. */
    private static Map<String, String> singleActionParameters(RecoveryCommand command) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (command.action() == RecoveryAction.RESTORE) {
            if (command.scopes().isEmpty()) {
                throw new IllegalArgumentException("a RESTORE must name its scopes");
            }
            command.scopes().forEach(BackupScope::of); // an unknown scope is refused with the known ones
            parameters.put("backup", command.backupId() == null ? BackupCommand.LATEST : command.backupId());
            parameters.put("scopes", String.join(",", command.scopes()));
        }
        return parameters;
    }

    private void start(
            RecoveryCommand command, Scenario scenario, Map<String, String> parameters, Severity severity, String who) {
        IncidentBook.Change change = coordinator.openManual(new ManualRun(
                command.component(),
                scenario,
                parameters,
                severity,
                scenario.fileName() + " requested",
                who,
                command.confirmed(),
                command.dryRun()));
        if (change.incident().isEmpty()) {
            notRun(command, change.ignored());
        }
    }

    private void notRun(RecoveryCommand command, String why) {
        LOG.warnf(
                "recovery command %s (%s for %s) not run: %s",
                command.id(), command.action(), command.component(), why);
        notice(
                command.component(),
                Notices.unrunCommand(
                        command.id(), command.component(), command.action() + " not run: " + why, clock.instant()));
    }

    /**
     * A scenario's runbook (the named one, or the master script's choice when none is named) for the
     * component: opened, or taking on an escalated incident. Without a scenario, a confirmed RECOVER for a
     * component whose incident automation is working on confirms that run's destructive steps.
     */
    private void recover(RecoveryCommand command, String who, Instant now) {
        // Automation at work: a confirmation is for its run. An escalated incident is taken on below instead.
        boolean open = coordinator
                .current(command.component())
                .filter(incident -> incident.state().automated())
                .isPresent();
        if (command.scenario() == null && open) {
            if (command.confirmed()) {
                coordinator.change(
                        command.component(),
                        incident ->
                                noteOf(incident, now, StepOutcome.CONFIRMED, "destructive steps confirmed by " + who));
            } else {
                LOG.infof("recovery command %s: %s already has an open incident", command.id(), command.component());
            }
            return;
        }
        Scenario scenario;
        try {
            scenario = command.scenario() == null
                    ? coordinator.masterScriptChoice(command.component())
                    : Scenario.ofFileName(command.scenario());
        } catch (IllegalArgumentException e) {
            notRun(command, e.getMessage());
            return;
        }
        start(command, scenario, Map.of(), Severity.CRITICAL, who);
    }

    private static Incident noteOf(Incident incident, Instant now, StepOutcome outcome, String detail) {
        return Incidents.note(incident, new TimelineEntry(now, TimelineEntry.COMMAND, outcome, detail));
    }

    private void refusedNotice(String component, String reason) {
        Instant now = clock.instant();
        notice(
                component,
                Notices.refusedCommand(
                        Long.toHexString(now.toEpochMilli()), component == null ? "unknown" : component, reason, now));
    }

    private void notice(String component, NotificationRequest request) {
        Instant now = clock.instant();
        try {
            sender.send(new EventEnvelope(
                    request.id(),
                    EventType.NOTIFY_REQUESTED,
                    IncidentPublisher.SOURCE,
                    request.incidentId(),
                    now,
                    request));
        } catch (IllegalStateException e) {
            LOG.errorf("a notice about a command for %s could not be sent: %s", component, e.getMessage());
        }
    }
}
