package io.mcpbridge.dr.drctl.commands.drill;

import io.mcpbridge.dr.drctl.commands.ReadingCommand;
import io.mcpbridge.dr.drctl.output.Human;
import io.mcpbridge.dr.drctl.output.Table;
import io.mcpbridge.dr.drctl.state.DrillRecords;
import io.mcpbridge.dr.events.drill.DrillResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", description = "List the drills that ran, newest first, with the RTO and RPO they measured.")
public final class DrillListCommand extends ReadingCommand {

    @Option(
            names = "--since",
            paramLabel = "DURATION",
            defaultValue = "90d",
            description = "How far back (default: ${DEFAULT-VALUE}).")
    Duration since;

    @Override
    protected int run() {
        Instant now = clock.instant();
        List<DrillResult> drills = DrillRecords.read(kafka(), now.minus(since)).all();
        return show(drills, () -> {
            if (drills.isEmpty()) {
                return "no drill ran in the last " + Human.duration(since);
            }
            Table table = new Table("ID", "TYPE", "STARTED", "TOOK", "RTO", "RPO", "RESULT");
            for (DrillResult drill : drills) {
                table.row(
                        drill.id(),
                        drill.type().wireName(),
                        Human.ago(drill.startedAt(), now),
                        Human.duration(Duration.between(drill.startedAt(), drill.endedAt())),
                        DrillView.measured(drill.rtoMillis(), drill.rtoTargetMillis()),
                        DrillView.measured(drill.rpoMillis(), drill.rpoTargetMillis()),
                        DrillView.verdict(drill, terminal));
            }
            return table.render();
        });
    }
}
