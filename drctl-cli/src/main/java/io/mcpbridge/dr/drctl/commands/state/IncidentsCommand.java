package io.mcpbridge.dr.drctl.commands.state;

import io.mcpbridge.dr.drctl.commands.ReadingCommand;
import io.mcpbridge.dr.drctl.output.Human;
import io.mcpbridge.dr.drctl.output.Table;
import io.mcpbridge.dr.drctl.state.IncidentRecords;
import io.mcpbridge.dr.drctl.state.IncidentSummary;
import io.mcpbridge.dr.events.incident.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "incidents", description = "List the open incidents, or with --all every incident since a moment.")
public final class IncidentsCommand extends ReadingCommand {

    @Option(names = "--all", description = "Resolved and suppressed ones too.")
    boolean all;

    @Option(
            names = "--since",
            paramLabel = "DURATION",
            defaultValue = "7d",
            description = "With --all: detected within this long (default: ${DEFAULT-VALUE}).")
    Duration since;

    @Override
    protected int run() {
        Instant now = clock.instant();
        IncidentRecords records = IncidentRecords.read(kafka());
        List<Incident> chosen = all
                ? records.all().stream()
                        .filter(incident -> !incident.detectedAt().isBefore(now.minus(since)))
                        .toList()
                : records.open();
        List<IncidentSummary> summaries = chosen.stream()
                .map(incident -> IncidentSummary.of(incident, now))
                .toList();
        return show(summaries, () -> table(summaries, now));
    }

    private String table(List<IncidentSummary> summaries, Instant now) {
        if (summaries.isEmpty()) {
            return all ? "no incident in the last " + Human.duration(since) : "no open incident";
        }
        Table table = new Table("ID", "COMPONENT", "SEVERITY", "STATE", "DETECTED", "RTO", "TARGET", "RPO", "SUMMARY");
        for (IncidentSummary summary : summaries) {
            table.row(
                    summary.id(),
                    summary.component(),
                    summary.severity().name(),
                    Paint.state(terminal, summary.state()),
                    Human.ago(summary.detectedAt(), now),
                    summary.overTarget() ? terminal.red(Human.duration(summary.rto())) : Human.duration(summary.rto()),
                    Human.duration(summary.rtoTarget()),
                    Human.duration(summary.rpo()),
                    summary.summary());
        }
        return table.render();
    }
}
