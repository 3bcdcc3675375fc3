package io.mcpbridge.dr.drctl.commands.state;

import io.mcpbridge.dr.drctl.DrctlException;
import io.mcpbridge.dr.drctl.ExitCodes;
import io.mcpbridge.dr.drctl.commands.DrctlCommand;
import io.mcpbridge.dr.drctl.kafka.Kafka;
import io.mcpbridge.dr.drctl.kafka.Watch;
import io.mcpbridge.dr.drctl.output.Human;
import io.mcpbridge.dr.drctl.state.IncidentRecords;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.incident.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "follow",
        description = {
            "Print an incident's timeline as it grows, until it is resolved (exit 0), escalated to people (exit 1)"
                    + " or suppressed (exit 0)."
        })
public final class FollowCommand extends DrctlCommand {

    private static final Duration POLL = Duration.ofMillis(500);
    /** How long an incident that is not on the topic yet (just opened) is waited for. */
    private static final Duration APPEARANCE = Duration.ofSeconds(15);

    @Parameters(paramLabel = "ID", description = "The incident id (inc-...).")
    String id;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            description = "Stop following after this long (exit 3); default: until it ends.")
    Duration timeout;

    private int printed;

    @Override
    protected int run() {
        Instant deadline = timeout == null ? Instant.MAX : clock.instant().plus(timeout);
        // Watch first, then read what is there: no version published in between is missed.
        try (Watch watch = kafka().watch(List.of(Topics.INCIDENTS))) {
            Optional<Incident> current = IncidentRecords.read(kafka()).all().stream()
                    .filter(incident -> incident.id().equals(id))
                    .findFirst();
            if (current.isEmpty()) {
                current = awaitAppearance(watch, clock.instant().plus(APPEARANCE));
            }
            Incident incident = current.orElseThrow(() ->
                    new DrctlException(ExitCodes.REFUSED, "no incident " + id + "; drctl incidents --all lists them"));
            terminal.println(terminal.bold(id) + "  " + incident.component() + "  " + incident.scenario() + "  "
                    + incident.severity() + "  detected " + Human.time(incident.detectedAt()));
            print(incident);
            while (!ended(incident)) {
                if (clock.instant().isAfter(deadline)) {
                    terminal.note(terminal.yellow("still " + incident.state() + " after " + Human.duration(timeout)));
                    return ExitCodes.TIMED_OUT;
                }
                for (Kafka.Read read : watch.poll(POLL)) {
                    Optional<Incident> newer = ofThis(read);
                    if (newer.isPresent() && newer.get().version() > incident.version()) {
                        incident = newer.get();
                        print(incident);
                    }
                }
            }
            terminal.println(Paint.state(terminal, incident.state()) + "  RTO " + Human.duration(incident.rto())
                    + " (target " + Human.duration(incident.rtoTarget()) + ")"
                    + (incident.rpo() == null ? "" : "  RPO " + Human.duration(incident.rpo())));
            return incident.state() == IncidentState.ESCALATED ? ExitCodes.FAILED : ExitCodes.DONE;
        } catch (RuntimeException e) {
            if (e instanceof DrctlException) {
                throw e;
            }
            throw new DrctlException(
                    ExitCodes.FAILED, kafka().explain(e, "following " + id).getMessage());
        }
    }

    private Optional<Incident> awaitAppearance(Watch watch, Instant until) {
        while (clock.instant().isBefore(until)) {
            for (Kafka.Read read : watch.poll(POLL)) {
                Optional<Incident> incident = ofThis(read);
                if (incident.isPresent()) {
                    return incident;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Incident> ofThis(Kafka.Read read) {
        return read.event()
                .filter(event -> event.type() == EventType.INCIDENT_UPDATED && id.equals(read.key()))
                .map(event -> (Incident) event.payload());
    }

    private static boolean ended(Incident incident) {
        return incident.state() == IncidentState.RESOLVED
                || incident.state() == IncidentState.ESCALATED
                || incident.state() == IncidentState.SUPPRESSED;
    }

    /** The entries not printed yet, as one line each. */
    private void print(Incident incident) {
        List<TimelineEntry> timeline = incident.timeline();
        for (int i = printed; i < timeline.size(); i++) {
            TimelineEntry entry = timeline.get(i);
            terminal.println(Human.time(entry.time()) + "  " + entry.step() + " " + IncidentCommand.wire(entry)
                    + (entry.detail() == null ? "" : ": " + entry.detail()));
        }
        printed = Math.max(printed, timeline.size());
    }
}
