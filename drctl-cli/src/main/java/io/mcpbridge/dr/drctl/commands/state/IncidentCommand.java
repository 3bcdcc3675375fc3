package io.mcpbridge.dr.drctl.commands.state;

import io.mcpbridge.dr.drctl.commands.ReadingCommand;
import io.mcpbridge.dr.drctl.output.Human;
import io.mcpbridge.dr.drctl.output.Table;
import io.mcpbridge.dr.drctl.output.Terminal;
import io.mcpbridge.dr.drctl.state.IncidentRecords;
import io.mcpbridge.dr.drctl.state.IncidentSummary;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "incident",
        description = "Show one incident: its state, RTO and RPO against the plan, and its whole timeline.")
public final class IncidentCommand extends ReadingCommand {

    @Parameters(paramLabel = "ID", description = "The incident id (inc-...).")
    String id;

    @Override
    protected int run() {
        Incident incident = IncidentRecords.read(kafka()).byId(id);
        return show(incident, () -> render(terminal, incident, clock.instant()));
    }

    static String render(Terminal terminal, Incident incident, Instant now) {
        IncidentSummary summary = IncidentSummary.of(incident, now);
        StringBuilder text = new StringBuilder();
        text.append(terminal.bold(incident.id()))
                .append("  ")
                .append(Paint.state(terminal, incident.state()))
                .append('\n');
        Table facts = new Table("FIELD", "VALUE");
        facts.row("component", incident.component());
        facts.row("scenario", incident.scenario());
        facts.row("severity", incident.severity().name());
        facts.row("summary", incident.summary());
        facts.row("detected", Human.time(incident.detectedAt()));
        facts.row("recovered", Human.time(incident.recoveredAt()));
        facts.row("resolved", Human.time(incident.resolvedAt()));
        facts.row(
                "RTO",
                Human.duration(summary.rto()) + " (target " + Human.duration(summary.rtoTarget())
                        + (summary.overTarget() ? ", " + terminal.red("over") : "")
                        + (incident.recoveredAt() == null && incident.state().open() ? ", still counting" : "")
                        + ")");
        facts.row(
                "RPO",
                incident.rpo() == null
                        ? "-"
                        : Human.duration(incident.rpo()) + " (backup " + incident.lastBackupId() + ")");
        for (Map.Entry<String, String> parameter : incident.parameters().entrySet()) {
            facts.row(parameter.getKey(), parameter.getValue());
        }
        String factLines = facts.render();
        text.append(factLines.substring(factLines.indexOf('\n') + 1)).append("\n\n");
        text.append(timeline(incident.timeline()));
        return text.toString();
    }

    static String timeline(List<TimelineEntry> entries) {
        Table table = new Table("TIME", "STEP", "OUTCOME", "DETAIL");
        for (TimelineEntry entry : entries) {
            table.row(Human.time(entry.time()), entry.step(), wire(entry), entry.detail());
        }
        return table.render();
    }

    static String wire(TimelineEntry entry) {
        return entry.outcome() == null ? "-" : entry.outcome().wireName();
    }
}
