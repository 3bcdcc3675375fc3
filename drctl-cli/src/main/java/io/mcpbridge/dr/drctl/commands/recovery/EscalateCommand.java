package io.mcpbridge.dr.drctl.commands.recovery;

import io.mcpbridge.dr.events.incident.RecoveryAction;
import picocli.CommandLine.Command;

@Command(name = "escalate", description = "Hand an open incident to people now: automation stops working on it.")
public final class EscalateCommand extends IncidentCommandBase {

    @Override
    protected int run() {
        return sendAbout(RecoveryAction.ESCALATE);
    }
}
