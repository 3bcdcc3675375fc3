package io.mcpbridge.dr.coordinator.intake;

import io.mcpbridge.dr.coordinator.drill.Drills;
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
import io.mcpbridge.dr.events.CloudEventHeaders;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.command.CommandOutcome;
import io.mcpbridge.dr.events.drill.DrillType;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.incident.RecoveryAction;
import io.mcpbridge.dr.events.incident.RecoveryCommand;
import io.mcpbridge.dr.events.incident.StepOutcome;
import io.mcpbridge.dr.events.incident.TimelineEntry;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.json.MalformedEventException;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.events.trust.RecordAuthenticator;
import io.mcpbridge.dr.events.trust.ReplayGuard;
import io.mcpbridge.dr.events.trust.UnauthenticatedRecordException;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Engineers' commands. Nothing runs unless the command passes {@link AcceptedCommand#check}: complete, signed by
 * a trusted signer, fresh by the broker's time, keyed by its component and not taken before. A refused command
 * goes to the dead letter topic with the reason, and a low-severity notice (the notifier's digest) says so.
 * Maintenance on and off, acknowledge, escalate and resolve change the component's incident; RECOVER naming
 * a scenario, and the single actions (RESTORE, FAIL_OVER, REVOKE_SESSIONS, ROTATE_CREDENTIALS), start a
 * runbook (see {@link IncidentBook#openManual}); a RECOVER with {@code confirmed} and no scenario confirms
 * the destructive steps of the open incident. Each may be a dry run. Every command with a readable id gets
 * exactly one {@link CommandOutcome} on {@code mcp-dr.commands.outcomes}: accepted (with the incident it
 * opened or moved), refused, or not run, with the reason.
 */
@ApplicationScoped
public class RecoveryCommandIntake {

    private static final Logger LOG = Logger.getLogger(RecoveryCommandIntake.class);
    /** The name outcomes carry, as the coordinator signs them. */
    private static final String SELF = "recovery-coordinator";

    private final Coordinator coordinator;
    private final RecordAuthenticator authenticator;
    private final ReplayGuard replays;
    private final MaintenanceWindows maintenance;
    private final EventSender sender;
    private final Clock clock;
    private final CoordinatorMetrics metrics;
    private final Drills drills;

    public RecoveryCommandIntake(
            Coordinator coordinator,
            RecordAuthenticator authenticator,
            ReplayGuard replays,
            MaintenanceWindows maintenance,
            EventSender sender,
            Clock clock,
            CoordinatorMetrics metrics,
            Drills drills) {
        this.drills = drills;
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
            answerRefusal(metadata.getHeaders(), metadata.getKey(), e.getMessage());
            return message.nack(e);
        } catch (RuntimeException e) {
            MalformedEventException unreadable = new MalformedEventException(
                    "unreadable command: " + e.getClass().getSimpleName());
            metrics.refusedCommand("malformed");
            answerRefusal(metadata.getHeaders(), metadata.getKey(), unreadable.getMessage());
            return message.nack(unreadable);
        }
        answer(handle(accepted));
        metrics.signal("command");
        return message.ack();
    }

    private CommandOutcome handle(AcceptedCommand accepted) {
        RecoveryCommand command = accepted.command();
        Instant now = clock.instant();
        String who = command.requestedBy() + (command.reason() == null ? "" : ": " + command.reason());
        return switch (command.action()) {
            case MAINTENANCE_ON -> {
                MaintenanceWindows.Window window = MaintenanceWindows.Window.of(accepted);
                maintenance.start(window);
                yield accepted(command, "maintenance window on " + command.component(), null);
            }
            case MAINTENANCE_OFF -> {
                maintenance.end(command.component());
                yield accepted(command, "maintenance window off " + command.component(), null);
            }
            case ACKNOWLEDGE ->
                changed(
                        command,
                        "acknowledged",
                        // Whoever acknowledges leads the response: every later notice names them.
                        incident -> noteOf(incident, now, StepOutcome.ACKNOWLEDGED, "acknowledged by " + who)
                                .withCommander(command.requestedBy()));
            case ESCALATE ->
                changed(
                        command,
                        "escalated",
                        incident -> Incidents.advance(
                                incident,
                                IncidentState.ESCALATED,
                                new TimelineEntry(
                                        now, TimelineEntry.COMMAND, StepOutcome.INFO, "escalated by " + who)));
            case RESOLVE ->
                changed(
                        command,
                        "resolved",
                        incident -> Incidents.advance(
                                incident,
                                IncidentState.RESOLVED,
                                new TimelineEntry(now, TimelineEntry.COMMAND, StepOutcome.INFO, "resolved by " + who)));
            case RECOVER -> recover(command, who, now);
            case RESTORE, FAIL_OVER, REVOKE_SESSIONS, ROTATE_CREDENTIALS -> singleAction(command, who);
            case DRILL -> drill(command);
            case TELL -> tell(command, now);
        };
    }

    /**
     * An engineer's words for audiences of the communication plan, about the component's open incident: written on
     * its timeline, then handed to the notifier, which tells exactly those audiences.
     */
    private CommandOutcome tell(RecoveryCommand command, Instant now) {
        if (command.audiences().isEmpty()
                || command.reason() == null
                || command.reason().isBlank()) {
            return notRun(command, "a TELL names its audiences and carries their words as its reason", null);
        }
        String whom = String.join(", ", command.audiences());
        Optional<Incident> told = coordinator.change(
                command.component(),
                incident -> noteOf(
                        incident,
                        now,
                        StepOutcome.INFO,
                        "told " + whom + " by " + command.requestedBy() + ": " + command.reason()));
        if (told.isEmpty()) {
            return notRun(command, "no open incident on " + command.component() + " here", null);
        }
        NotificationRequest request =
                Notices.told(told.get(), command.id(), command.audiences(), command.reason(), now);
        try {
            sendNotice(request);
        } catch (IllegalStateException e) {
            return notRun(
                    command,
                    "the notifier's topic did not take it: " + e.getMessage(),
                    told.get().id());
        }
        return accepted(command, "the notifier tells " + whom, told.get().id());
    }

    /** A drill asked for by a person: started unless one of its type runs; its result goes to mcp-dr.drills. */
    private CommandOutcome drill(RecoveryCommand command) {
        Optional<DrillType> type = Arrays.stream(DrillType.values())
                .filter(candidate -> candidate.key().equals(command.component()))
                .findFirst();
        if (type.isEmpty()) {
            return notRun(command, command.component() + " names no drill (drill-<type>)", null);
        }
        return drills.start(type.get(), command.id(), command.requestedBy())
                .map(why -> notRun(command, why, null))
                .orElseGet(() -> accepted(
                        command,
                        type.get().wireName() + " drill started; its result follows on " + Topics.DRILLS,
                        null));
    }

    /** A command that changes the component's incident: accepted with it, or not run when there is none. */
    private CommandOutcome changed(RecoveryCommand command, String what, Function<Incident, Incident> change) {
        return coordinator
                .change(command.component(), change)
                .map(incident -> accepted(command, what, incident.id()))
                .orElseGet(() -> notRun(command, "no incident on " + command.component() + " here", null));
    }

    private CommandOutcome singleAction(RecoveryCommand command, String who) {
        Map<String, String> parameters;
        try {
            parameters = singleActionParameters(command);
        } catch (IllegalArgumentException e) {
            return notRun(command, e.getMessage(), null);
        }
        return start(command, Scenario.forCommand(command.action()).orElseThrow(), parameters, Severity.HIGH, who);
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

    private CommandOutcome start(
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
        return change.incident()
                .map(incident -> accepted(
                        command,
                        scenario.fileName() + (command.dryRun() ? " dry run" : " runbook") + " started",
                        incident.id()))
                .orElseGet(() -> notRun(
                        command,
                        change.ignored(),
                        coordinator
                                .current(command.component())
                                .filter(incident -> incident.state().open())
                                .map(Incident::id)
                                .orElse(null)));
    }

    private CommandOutcome notRun(RecoveryCommand command, String why, String incidentId) {
        LOG.warnf(
                "recovery command %s (%s for %s) not run: %s",
                command.id(), command.action(), command.component(), why);
        notice(
                command.component(),
                Notices.unrunCommand(
                        command.id(), command.component(), command.action() + " not run: " + why, clock.instant()));
        return CommandOutcome.notRun(command.id(), SELF, why, command.component(), incidentId, clock.instant());
    }

    private CommandOutcome accepted(RecoveryCommand command, String what, String incidentId) {
        return CommandOutcome.accepted(command.id(), SELF, what, command.component(), incidentId, clock.instant());
    }

    /** A refused record is answered by its id, when it has a readable one. */
    private void answerRefusal(Headers headers, String component, String reason) {
        EventRecords.header(headers, CloudEventHeaders.ID)
                .filter(id -> !id.isBlank())
                .ifPresent(id -> answer(CommandOutcome.refused(id, SELF, reason, component, clock.instant())));
    }

    /** Publishes the command's one outcome; a failure is logged (the command itself is done or refused). */
    private void answer(CommandOutcome outcome) {
        try {
            sender.send(new EventEnvelope(
                    "outcome-" + outcome.commandId(),
                    EventType.COMMAND_OUTCOME,
                    IncidentPublisher.SOURCE,
                    outcome.commandId(),
                    outcome.at(),
                    outcome));
        } catch (IllegalStateException e) {
            LOG.errorf("the outcome of command %s could not be published: %s", outcome.commandId(), e.getMessage());
        }
    }

    /**
     * A scenario's runbook (the named one, or the master script's choice when none is named) for the
     * component: opened, or taking on an escalated incident. Without a scenario, a confirmed RECOVER for a
     * component whose incident automation is working on confirms that run's destructive steps.
     */
    private CommandOutcome recover(RecoveryCommand command, String who, Instant now) {
        // Automation at work: a confirmation is for its run. An escalated incident is taken on below instead.
        boolean open = coordinator
                .current(command.component())
                .filter(incident -> incident.state().automated())
                .isPresent();
        if (command.scenario() == null && open) {
            if (command.confirmed()) {
                return changed(
                        command,
                        "destructive steps confirmed",
                        incident ->
                                noteOf(incident, now, StepOutcome.CONFIRMED, "destructive steps confirmed by " + who));
            }
            LOG.infof("recovery command %s: %s already has an open incident", command.id(), command.component());
            // Answered, but no notice: automation is doing what was asked.
            return CommandOutcome.notRun(
                    command.id(),
                    SELF,
                    "automation is already recovering " + command.component()
                            + " (confirm its destructive steps with confirmed, or name a scenario)",
                    command.component(),
                    coordinator.current(command.component()).map(Incident::id).orElse(null),
                    clock.instant());
        }
        Scenario scenario;
        try {
            scenario = command.scenario() == null
                    ? coordinator.masterScriptChoice(command.component())
                    : Scenario.ofFileName(command.scenario());
        } catch (IllegalArgumentException e) {
            return notRun(command, e.getMessage(), null);
        }
        return start(command, scenario, Map.of(), Severity.CRITICAL, who);
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
        try {
            sendNotice(request);
        } catch (IllegalStateException e) {
            LOG.errorf("a notice about a command for %s could not be sent: %s", component, e.getMessage());
        }
    }

    /**
     * @throws IllegalStateException when the broker did not take it
     */
    private void sendNotice(NotificationRequest request) {
        sender.send(new EventEnvelope(
                request.id(),
                EventType.NOTIFY_REQUESTED,
                IncidentPublisher.SOURCE,
                request.incidentId(),
                clock.instant(),
                request));
    }
}
