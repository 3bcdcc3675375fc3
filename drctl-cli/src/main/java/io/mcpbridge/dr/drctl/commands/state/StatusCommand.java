package io.mcpbridge.dr.drctl.commands.state;

import io.mcpbridge.dr.drctl.commands.ReadingCommand;
import io.mcpbridge.dr.drctl.output.Human;
import io.mcpbridge.dr.drctl.output.Table;
import io.mcpbridge.dr.drctl.state.BackupCatalogRecords;
import io.mcpbridge.dr.drctl.state.HealthRecords;
import io.mcpbridge.dr.drctl.state.IncidentRecords;
import io.mcpbridge.dr.drctl.state.IncidentSummary;
import io.mcpbridge.dr.drctl.state.ScopeFreshness;
import io.mcpbridge.dr.events.health.TargetHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;

@Command(
        name = "status",
        description = {
            "What the system sees now: each probe target's health, the open incidents with their RTO against the"
                    + " plan, and each scope's newest verified backup with its age against the scope's maximum."
        })
public final class StatusCommand extends ReadingCommand {

    /** A target not seen for this long is marked stale: its prober may be down. */
    private static final Duration STALE = Duration.ofMinutes(2);

    /** {@code drctl status -o json}. */
    public record Status(
            Instant at, List<TargetHealth> health, List<IncidentSummary> incidents, List<ScopeFreshness> backups) {}

    @Override
    protected int run() {
        Instant now = clock.instant();
        Status status = new Status(
                now,
                HealthRecords.latest(kafka(), now),
                IncidentRecords.read(kafka()).open().stream()
                        .map(incident -> IncidentSummary.of(incident, now))
                        .toList(),
                BackupCatalogRecords.read(kafka()).freshness(now));
        return show(status, () -> render(status));
    }

    private String render(Status status) {
        StringBuilder text = new StringBuilder();
        text.append(terminal.bold("HEALTH")).append('\n');
        if (status.health().isEmpty()) {
            text.append("  nothing on the health topic in the last ")
                    .append(Human.duration(HealthRecords.WINDOW))
                    .append(": is health-monitor running?\n");
        } else {
            Table health = new Table("TARGET", "COMPONENT", "STATE", "SINCE", "SEEN", "DETAIL");
            for (TargetHealth target : status.health()) {
                boolean stale =
                        Duration.between(target.observedAt(), status.at()).compareTo(STALE) > 0;
                health.row(
                        target.target(),
                        target.component(),
                        Paint.health(terminal, target.state()),
                        Human.ago(target.since(), status.at()),
                        stale
                                ? terminal.yellow(Human.ago(target.observedAt(), status.at()) + " (stale)")
                                : Human.ago(target.observedAt(), status.at()),
                        target.lastError());
            }
            text.append(health.render()).append('\n');
        }
        text.append('\n').append(terminal.bold("OPEN INCIDENTS")).append('\n');
        if (status.incidents().isEmpty()) {
            text.append("  none\n");
        } else {
            Table incidents = new Table("ID", "SEVERITY", "STATE", "RTO", "TARGET", "SUMMARY");
            for (IncidentSummary incident : status.incidents()) {
                incidents.row(
                        incident.id(),
                        incident.severity().name(),
                        Paint.state(terminal, incident.state()),
                        incident.overTarget()
                                ? terminal.red(Human.duration(incident.rto()))
                                : Human.duration(incident.rto()),
                        Human.duration(incident.rtoTarget()),
                        incident.summary());
            }
            text.append(incidents.render()).append('\n');
        }
        text.append('\n').append(terminal.bold("BACKUPS")).append('\n');
        if (status.backups().isEmpty()) {
            text.append("  nothing in the backup catalog: is backup-service running?\n");
        } else {
            Table backups = new Table("SCOPE", "NEWEST VERIFIED", "AGE", "MAX AGE", "");
            for (ScopeFreshness scope : status.backups()) {
                backups.row(
                        scope.scope().wireName(),
                        scope.backupId() == null ? "-" : scope.backupId(),
                        Human.duration(scope.age()),
                        Human.duration(scope.maxAge()),
                        scope.backupId() == null
                                ? terminal.red("no verified backup")
                                : scope.withinMaxAge() ? terminal.green("ok") : terminal.red("too old"));
            }
            text.append(backups.render()).append('\n');
        }
        return text.toString().stripTrailing();
    }
}
