package io.mcpbridge.dr.drctl.commands.drill;

import io.mcpbridge.dr.drctl.DrctlException;
import io.mcpbridge.dr.drctl.ExitCodes;
import io.mcpbridge.dr.drctl.commands.ReadingCommand;
import io.mcpbridge.dr.drctl.output.Human;
import io.mcpbridge.dr.drctl.output.Table;
import io.mcpbridge.dr.drctl.report.RecoveryChart;
import io.mcpbridge.dr.drctl.report.RecoveryRecord;
import io.mcpbridge.dr.drctl.report.RecoveryReport;
import io.mcpbridge.dr.drctl.state.BackupCatalogRecords;
import io.mcpbridge.dr.drctl.state.DrillRecords;
import io.mcpbridge.dr.drctl.state.IncidentRecords;
import io.mcpbridge.dr.events.backup.BackupPolicy;
import io.mcpbridge.dr.events.backup.BackupScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "report",
        description = "Every drill and incident of a period with the RTO and RPO they measured against their"
                + " targets: a summary and a table, and with --svg a chart.")
public final class DrillReportCommand extends ReadingCommand {

    @Option(
            names = "--since",
            paramLabel = "DURATION",
            defaultValue = "90d",
            description = "How far back (default: ${DEFAULT-VALUE}).")
    Duration since;

    @Option(names = "--svg", paramLabel = "FILE", description = "Also write the chart to FILE (SVG).")
    Path svg;

    @Override
    protected int run() {
        Instant now = clock.instant();
        Instant from = now.minus(since);
        Map<BackupScope, Duration> maxAges = BackupCatalogRecords.read(kafka())
                .policy()
                .map(BackupPolicy::maxAge)
                .orElse(Map.of());
        List<RecoveryRecord> records = new ArrayList<>();
        DrillRecords.read(kafka(), from).all().forEach(drill -> records.add(RecoveryRecord.of(drill)));
        IncidentRecords.read(kafka()).all().stream()
                .filter(incident -> !incident.detectedAt().isBefore(from))
                .forEach(incident -> records.add(RecoveryRecord.of(incident, maxAges)));
        records.sort(Comparator.comparing(RecoveryRecord::at));
        RecoveryReport report = RecoveryReport.of(from, now, records);
        if (svg != null) {
            write(RecoveryChart.svg("MCP Bridge recovery, " + Human.time(from) + " to " + Human.time(now), records));
        }
        return show(report, () -> table(report));
    }

    private void write(String chart) {
        try {
            Files.writeString(svg, chart);
        } catch (IOException e) {
            throw new DrctlException(ExitCodes.REFUSED, "cannot write the chart to " + svg + ": " + e.getMessage());
        }
        terminal.note("chart written to " + svg);
    }

    private String table(RecoveryReport report) {
        if (report.records().isEmpty()) {
            return "no drill ran and no incident was detected in the last " + Human.duration(since);
        }
        Table summary = new Table("KIND", "WHAT", "COUNT", "MET TARGETS", "LAST");
        for (RecoveryReport.Summary line : report.summary()) {
            summary.row(
                    line.kind(),
                    line.subject(),
                    String.valueOf(line.count()),
                    line.passed() + " of " + line.count(),
                    Human.time(line.last()));
        }
        Table all = new Table("STARTED", "KIND", "WHAT", "ID", "RTO", "RPO", "RESULT");
        for (RecoveryRecord record : report.records()) {
            all.row(
                    Human.time(record.at()),
                    record.kind(),
                    record.subject(),
                    record.id(),
                    measured(record.rto(), record.rtoTarget()),
                    measured(record.rpo(), record.rpoTarget()),
                    record.kind().equals("drill")
                            ? (record.passed() ? terminal.green("passed") : terminal.red("failed"))
                            : record.outcome()
                                    + (record.rto() == null ? "" : record.passed() ? ", in time" : ", late"));
        }
        return "Since " + Human.time(report.from()) + "\n\n" + summary.render() + "\n\n" + all.render();
    }

    private static String measured(Duration value, Duration target) {
        return DrillView.measured(value == null ? null : value.toMillis(), target == null ? null : target.toMillis());
    }
}
