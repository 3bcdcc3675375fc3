package io.mcpbridge.dr.drctl.commands.state;

import io.mcpbridge.dr.drctl.DrctlException;
import io.mcpbridge.dr.drctl.ExitCodes;
import io.mcpbridge.dr.drctl.commands.DrctlCommand;
import io.mcpbridge.dr.drctl.state.IncidentRecords;
import io.mcpbridge.dr.events.incident.Incident;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "postmortem",
        description = {
            "Print a resolved incident's postmortem: the plan's template, filled from its timeline by the"
                    + " coordinator when it was resolved; what needs people is marked so."
        })
public final class PostmortemCommand extends DrctlCommand {

    /** Where backup-service keeps every resolved incident's draft for people, in its bucket. */
    private static final String KEPT_AS = "the draft is also kept in the backup bucket as postmortems/";

    @Parameters(paramLabel = "ID", description = "The incident id (inc-...).")
    String id;

    @Option(
            names = {"-o", "--output-file"},
            paramLabel = "FILE",
            description = "Write it to FILE (Markdown).")
    Path file;

    @Override
    protected int run() {
        Incident incident = IncidentRecords.read(kafka()).byId(id);
        if (incident.postmortem() == null) {
            throw new DrctlException(
                    ExitCodes.REFUSED,
                    "incident " + id + " is " + incident.state()
                            + ": its postmortem draft is written when it is resolved (drctl follow " + id + ")");
        }
        if (file == null) {
            terminal.println(incident.postmortem());
            terminal.note(KEPT_AS + id + ".md");
            return ExitCodes.DONE;
        }
        try {
            Files.writeString(file, incident.postmortem());
        } catch (IOException e) {
            throw new DrctlException(ExitCodes.FAILED, "cannot write " + file + ": " + e.getMessage());
        }
        terminal.note("postmortem of " + id + " written to " + file + "; " + KEPT_AS + id + ".md");
        return ExitCodes.DONE;
    }
}
