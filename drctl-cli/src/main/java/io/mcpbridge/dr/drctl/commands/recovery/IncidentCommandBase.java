package io.mcpbridge.dr.drctl.commands.recovery;

import io.mcpbridge.dr.drctl.DrctlException;
import io.mcpbridge.dr.drctl.ExitCodes;
import io.mcpbridge.dr.drctl.state.IncidentRecords;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.RecoveryAction;
import picocli.CommandLine.Parameters;

/**
 * A command about an open incident: acknowledge, escalate, resolve. The coordinator acts on the component's
 * open incident, so an incident id is checked here first to be that open incident: a stale id never moves a
 * newer incident of the same component.
 */
abstract class IncidentCommandBase extends RecoveryCommandBase {

    @Parameters(paramLabel = "INCIDENT|COMPONENT", description = "An incident id (inc-...) or its component.")
    String target;

    protected int sendAbout(RecoveryAction action) {
        String component = target;
        if (target.startsWith("inc-")) {
            Incident incident = IncidentRecords.read(kafka()).byId(target);
            if (!incident.state().open()) {
                throw new DrctlException(
                        ExitCodes.REFUSED, "incident " + target + " is " + incident.state() + " already");
            }
            component = incident.component();
        }
        return sendRecovery(action, component, Arguments.NONE, false);
    }
}
