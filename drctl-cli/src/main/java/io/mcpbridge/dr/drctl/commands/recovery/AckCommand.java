package io.mcpbridge.dr.drctl.commands.recovery;

import io.mcpbridge.dr.events.incident.RecoveryAction;
import picocli.CommandLine.Command;

@Command(name = "ack", description = "Acknowledge an open incident: you have seen it and own the communication.")
public final class AckCommand extends IncidentCommandBase {

    @Override
    protected int run() {
        return sendAbout(RecoveryAction.ACKNOWLEDGE);
    }
}
