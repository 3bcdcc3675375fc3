package io.mcpbridge.dr.drctl.commands.drill;

import io.mcpbridge.dr.drctl.DrctlException;
import io.mcpbridge.dr.drctl.ExitCodes;
import io.mcpbridge.dr.drctl.commands.SendingCommand;
import io.mcpbridge.dr.drctl.output.Human;
import io.mcpbridge.dr.drctl.output.OutputFormat;
import io.mcpbridge.dr.drctl.output.Structured;
import io.mcpbridge.dr.drctl.send.CommandDelivery;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.drill.DrillResult;
import io.mcpbridge.dr.events.drill.DrillType;
import io.mcpbridge.dr.events.incident.RecoveryAction;
import io.mcpbridge.dr.events.incident.RecoveryCommand;
import io.mcpbridge.dr.events.json.MalformedEventException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "run",
        description = "Run a drill now (backup-verification, service-restart, failover, full) and wait for its result.")
public final class DrillRunCommand extends SendingCommand {

    @Parameters(paramLabel = "TYPE", description = "backup-verification, service-restart, failover or full.")
    String type;

    @Option(
            names = "--wait",
            paramLabel = "DURATION",
            defaultValue = "2h",
            description = "How long to wait for the drill's result once it started (default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Override
    protected List<String> followedTopics() {
        return List.of(Topics.DRILLS);
    }

    @Override
    protected int run() {
        DrillType drill;
        try {
            drill = DrillType.of(type);
        } catch (MalformedEventException e) {
            throw new DrctlException(ExitCodes.REFUSED, e.getMessage());
        }
        Instant now = clock.instant();
        String id = newCommandId("drill-" + drill.wireName());
        RecoveryCommand command = new RecoveryCommand(
                id,
                RecoveryAction.DRILL,
                drill.key(),
                null,
                null,
                List.of(),
                reason,
                connection.settings().identity().orElse(null),
                false,
                dryRun,
                null,
                now,
                List.of());
        return send(
                new EventEnvelope(id, EventType.RECOVERY_REQUESTED, SOURCE, drill.key(), now, command),
                true,
                this::awaitResult);
    }

    private int awaitResult(CommandDelivery delivery) {
        terminal.note(terminal.dim("waiting for the drill's result (up to " + Human.duration(wait) + ")"));
        Optional<DrillResult> result = delivery.drillResult(Instant.now().plus(wait));
        if (result.isEmpty()) {
            terminal.note(terminal.yellow("no result within " + Human.duration(wait))
                    + "\n  it may still run: drctl drill list shows it when it ends");
            return ExitCodes.TIMED_OUT;
        }
        DrillResult drill = result.get();
        terminal.println(
                output == OutputFormat.TABLE ? DrillView.render(drill, terminal) : Structured.render(drill, output));
        return drill.passed() ? ExitCodes.DONE : ExitCodes.FAILED;
    }
}
