package io.mcpbridge.dr.drctl.commands.recovery;

import io.mcpbridge.dr.drctl.DrctlException;
import io.mcpbridge.dr.drctl.ExitCodes;
import io.mcpbridge.dr.events.incident.RecoveryAction;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "maintenance",
        description = {
            "Start or end a maintenance window: while it lasts, failures of the component are recorded but open no"
                    + " incident and run nothing."
        })
public final class MaintenanceCommand extends RecoveryCommandBase {

    enum Switch {
        on,
        off
    }

    @Parameters(index = "0", paramLabel = "on|off")
    Switch state;

    @Parameters(index = "1", paramLabel = "COMPONENT", description = "gateway, router, redis, or all.")
    String component;

    @Option(names = "--for", paramLabel = "DURATION", description = "How long the window lasts (on only): 30m, 2h.")
    Duration length;

    @Override
    protected int run() {
        if (state == Switch.on && (length == null || length.isZero() || length.isNegative())) {
            throw new DrctlException(ExitCodes.REFUSED, "say how long with --for (30m, 2h): a window always ends");
        }
        if (state == Switch.off && length != null) {
            throw new DrctlException(ExitCodes.REFUSED, "--for is for maintenance on");
        }
        return sendRecovery(
                state == Switch.on ? RecoveryAction.MAINTENANCE_ON : RecoveryAction.MAINTENANCE_OFF,
                component,
                new Arguments(null, null, List.of(), length, List.of()),
                false);
    }
}
