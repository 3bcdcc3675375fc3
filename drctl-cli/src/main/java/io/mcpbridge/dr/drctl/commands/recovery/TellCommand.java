package io.mcpbridge.dr.drctl.commands.recovery;

import io.mcpbridge.dr.drctl.DrctlException;
import io.mcpbridge.dr.drctl.ExitCodes;
import io.mcpbridge.dr.drctl.state.IncidentRecords;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.RecoveryAction;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The plan's "As needed": an engineer tells an audience of the communication plan about an incident, in their own
 * words, now. The coordinator checks and signs it onto the incident's timeline; the notifier sends it through the
 * audience's channels, and from then on that audience also hears the incident's news and its resolution.
 */
@Command(
        name = "tell",
        description = {
            "Tell audiences of the communication plan (customers, leadership, external, internal) about an open"
                    + " incident now, in your words: the plan's \"As needed\", or before their deadline.",
            "Once told, an audience also hears the incident's later news and its resolution."
        })
public final class TellCommand extends RecoveryCommandBase {

    /** As the notifier's configuration names audiences. */
    private static final Pattern AUDIENCE = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    @Parameters(paramLabel = "INCIDENT", description = "The open incident's id (inc-...).")
    String incidentId;

    @Option(
            names = {"-a", "--audience"},
            paramLabel = "AUDIENCE",
            required = true,
            split = ",",
            description = "Whom to tell: customers, leadership, external, internal (repeat or separate with ',').")
    List<String> audiences;

    @Option(
            names = {"-m", "--message"},
            paramLabel = "TEXT",
            required = true,
            description = "What they read, as written: for the status page and customers, say nothing internal.")
    String message;

    @Override
    protected int run() {
        List<String> names = audiences.stream()
                .map(name -> name.strip().toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
        for (String name : names) {
            if (!AUDIENCE.matcher(name).matches()) {
                throw new DrctlException(
                        ExitCodes.REFUSED,
                        "'" + name + "' is not an audience name: customers, leadership, external or internal");
            }
        }
        if (message.isBlank()) {
            throw new DrctlException(ExitCodes.REFUSED, "say what they should read with --message");
        }
        Incident incident = IncidentRecords.read(kafka()).byId(incidentId);
        if (!incident.state().open()) {
            // The coordinator acts on the component's open incident: a closed one's words would go to a newer one.
            throw new DrctlException(
                    ExitCodes.REFUSED,
                    "incident " + incidentId + " is " + incident.state() + ": tell them of a closed incident by"
                            + " another channel");
        }
        reason = message;
        return sendRecovery(
                RecoveryAction.TELL, incident.component(), new Arguments(null, null, List.of(), null, names), false);
    }
}
