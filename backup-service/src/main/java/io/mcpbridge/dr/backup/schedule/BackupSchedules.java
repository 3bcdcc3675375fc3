package io.mcpbridge.dr.backup.schedule;

import io.mcpbridge.dr.backup.intake.EventSender;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * The plan's schedule: a backup every 6 hours, a verification and a prune daily (cron configurable,
 * {@code off} disables). Each is published as a command on {@code mcp-dr.commands.backup}, signed with the
 * service's own key, so it is queued, run and reported exactly like a command from an engineer.
 */
@ApplicationScoped
public class BackupSchedules {

    private static final Logger LOG = Logger.getLogger(BackupSchedules.class);

    private final EventSender sender;
    private final Clock clock;

    public BackupSchedules(EventSender sender, Clock clock) {
        this.sender = sender;
        this.clock = clock;
    }

    @Scheduled(
            identity = "backup",
            cron = "${mcpdr.backup.schedule.backup}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void backup() {
        request(BackupAction.BACKUP, null);
    }

    @Scheduled(
            identity = "verify",
            cron = "${mcpdr.backup.schedule.verify}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void verify() {
        request(BackupAction.VERIFY, BackupCommand.LATEST);
    }

    @Scheduled(
            identity = "prune",
            cron = "${mcpdr.backup.schedule.prune}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void prune() {
        request(BackupAction.PRUNE, null);
    }

    void request(BackupAction action, String backupId) {
        Instant now = clock.instant();
        // One id per schedule tick: a tick published twice (a retry) is still one command.
        String id = "schedule-" + action.name().toLowerCase(Locale.ROOT) + "-" + now.getEpochSecond();
        BackupCommand command =
                new BackupCommand(id, action, List.of(), backupId, null, "scheduled", "schedule", now, null, null);
        if (!sender.send(new EventEnvelope(
                id, EventType.BACKUP_REQUESTED, "/mcp-dr/backup-service/schedule", command.kafkaKey(), now, command))) {
            LOG.errorf("scheduled %s could not be queued", action);
        }
    }
}
