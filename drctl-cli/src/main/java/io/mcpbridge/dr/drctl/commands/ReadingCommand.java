package io.mcpbridge.dr.drctl.commands;

import io.mcpbridge.dr.drctl.ExitCodes;
import io.mcpbridge.dr.drctl.output.OutputFormat;
import io.mcpbridge.dr.drctl.output.Structured;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** A command that shows state: a table for people, or JSON or YAML for scripts. */
public abstract class ReadingCommand extends DrctlCommand {

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            description = "table, json or yaml (default: ${DEFAULT-VALUE}).",
            defaultValue = "table")
    protected OutputFormat output;

    /** Prints {@code value} as JSON or YAML, or the table {@code table} renders; ends with {@link ExitCodes#DONE}. */
    protected int show(Object value, Supplier<String> table) {
        terminal.println(output == OutputFormat.TABLE ? table.get() : Structured.render(value, output));
        return ExitCodes.DONE;
    }
}
