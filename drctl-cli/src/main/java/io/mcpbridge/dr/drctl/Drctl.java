package io.mcpbridge.dr.drctl;

import io.mcpbridge.dr.drctl.commands.ConfigCommand;
import io.mcpbridge.dr.drctl.commands.KeygenCommand;
import io.mcpbridge.dr.drctl.commands.backup.BackupGroup;
import io.mcpbridge.dr.drctl.commands.drill.DrillGroup;
import io.mcpbridge.dr.drctl.commands.recovery.AckCommand;
import io.mcpbridge.dr.drctl.commands.recovery.EscalateCommand;
import io.mcpbridge.dr.drctl.commands.recovery.FailoverCommand;
import io.mcpbridge.dr.drctl.commands.recovery.MaintenanceCommand;
import io.mcpbridge.dr.drctl.commands.recovery.RecoverCommand;
import io.mcpbridge.dr.drctl.commands.recovery.ResolveCommand;
import io.mcpbridge.dr.drctl.commands.recovery.RestoreCommand;
import io.mcpbridge.dr.drctl.commands.recovery.RevokeSessionsCommand;
import io.mcpbridge.dr.drctl.commands.recovery.RotateCredentialsCommand;
import io.mcpbridge.dr.drctl.commands.recovery.TellCommand;
import io.mcpbridge.dr.drctl.commands.state.DeadLettersCommand;
import io.mcpbridge.dr.drctl.commands.state.FollowCommand;
import io.mcpbridge.dr.drctl.commands.state.IncidentCommand;
import io.mcpbridge.dr.drctl.commands.state.IncidentsCommand;
import io.mcpbridge.dr.drctl.commands.state.PostmortemCommand;
import io.mcpbridge.dr.drctl.commands.state.StatusCommand;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * The engineers' command line: signed recovery and backup commands, and what the system sees, over Kafka only
 * (no service has an HTTP API for it). Settings: flags, then {@code MCPDR_*}, then
 * {@code ~/.config/mcpdr/drctl.properties}.
 */
@TopCommand
@Command(
        name = "drctl",
        mixinStandardHelpOptions = true,
        versionProvider = DrctlVersion.class,
        scope = ScopeType.INHERIT,
        description = "MCP Bridge DR from the command line: state, incidents, recovery and backups.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Done: accepted and carried out, or the state was shown.",
            "1:Failed: the operation failed, or no broker or topic could be reached.",
            "2:Refused or not run by the service, or bad usage (including no confirmation).",
            "3:Timed out: no answer within --timeout; the command may still run."
        },
        footer = {"%nSettings: drctl config. Every command: drctl COMMAND --help. Docs: docs/drctl.md."},
        subcommands = {
            StatusCommand.class,
            IncidentsCommand.class,
            IncidentCommand.class,
            FollowCommand.class,
            PostmortemCommand.class,
            DeadLettersCommand.class,
            RecoverCommand.class,
            RestoreCommand.class,
            FailoverCommand.class,
            RevokeSessionsCommand.class,
            RotateCredentialsCommand.class,
            MaintenanceCommand.class,
            AckCommand.class,
            EscalateCommand.class,
            ResolveCommand.class,
            TellCommand.class,
            BackupGroup.class,
            DrillGroup.class,
            KeygenCommand.class,
            ConfigCommand.class,
            AutoComplete.GenerateCompletion.class
        })
public final class Drctl {}
