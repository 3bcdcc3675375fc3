package io.mcpbridge.dr.drctl.commands.drill;

import io.mcpbridge.dr.drctl.commands.ReadingCommand;
import io.mcpbridge.dr.drctl.state.DrillRecords;
import io.mcpbridge.dr.events.drill.DrillResult;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "show", description = "Show one drill: its steps with their times, and its RTO and RPO.")
public final class DrillShowCommand extends ReadingCommand {

    @Parameters(paramLabel = "ID", description = "The drill's id (drctl drill list).")
    String id;

    @Option(
            names = "--since",
            paramLabel = "DURATION",
            defaultValue = "400d",
            description = "How far back to look for it (default: ${DEFAULT-VALUE}, all that is kept).")
    Duration since;

    @Override
    protected int run() {
        DrillResult drill =
                DrillRecords.read(kafka(), clock.instant().minus(since)).byId(id);
        return show(drill, () -> DrillView.render(drill, terminal));
    }
}
