package io.mcpbridge.dr.drctl.commands.state;

import io.mcpbridge.dr.drctl.commands.ReadingCommand;
import io.mcpbridge.dr.drctl.output.Human;
import io.mcpbridge.dr.drctl.output.Table;
import io.mcpbridge.dr.drctl.state.DeadLetter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "dlq",
        description = {
            "List what the services refused or could not process (mcp-dr.dlq): when, from which topic, the"
                    + " record's id and signer, and why."
        })
public final class DeadLettersCommand extends ReadingCommand {

    @Option(
            names = "--since",
            paramLabel = "DURATION",
            defaultValue = "1d",
            description = "How far back (default: ${DEFAULT-VALUE}).")
    Duration since;

    @Override
    protected int run() {
        Instant now = clock.instant();
        List<DeadLetter> letters = DeadLetter.read(kafka(), now.minus(since));
        return show(letters, () -> {
            if (letters.isEmpty()) {
                return "nothing refused in the last " + Human.duration(since);
            }
            Table table = new Table("WHEN", "FROM", "KEY", "ID", "SIGNER", "REASON");
            for (DeadLetter letter : letters) {
                table.row(
                        Human.ago(letter.at(), now),
                        letter.topic(),
                        letter.key(),
                        letter.id(),
                        letter.signer(),
                        letter.reason());
            }
            return table.render();
        });
    }
}
