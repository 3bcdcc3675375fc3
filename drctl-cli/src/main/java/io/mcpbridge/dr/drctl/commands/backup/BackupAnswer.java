package io.mcpbridge.dr.drctl.commands.backup;

import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.command.CommandOutcome;

/**
 * A backup command's whole answer as JSON or YAML: backup-service's outcome (accepted) and the operation's
 * terminal result, one document for a script to read.
 */
public record BackupAnswer(CommandOutcome outcome, BackupResult result) {}
