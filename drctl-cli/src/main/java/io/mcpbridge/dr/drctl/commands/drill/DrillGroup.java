package io.mcpbridge.dr.drctl.commands.drill;

import picocli.CommandLine.Command;

@Command(
        name = "drill",
        description = "The plan's drills: run one now, list those that ran, show one.",
        subcommands = {DrillRunCommand.class, DrillListCommand.class, DrillShowCommand.class, DrillReportCommand.class})
public final class DrillGroup {}
