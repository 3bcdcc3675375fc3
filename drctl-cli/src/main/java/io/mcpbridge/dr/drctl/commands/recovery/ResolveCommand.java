package io.mcpbridge.dr.drctl.commands.recovery;

import io.mcpbridge.dr.events.incident.RecoveryAction;
import picocli.CommandLine.Command;

@Command(name = "resolve", description = "Close an open incident (its postmortem draft is written).")
public final class ResolveCommand extends IncidentCommandBase {

    @Override
    protected int run() {
        return sendAbout(RecoveryAction.RESOLVE);
    }
}
