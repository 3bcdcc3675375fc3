package io.mcpbridge.dr.backup.schedule;

import io.mcpbridge.dr.backup.config.BackupConfig;
import io.mcpbridge.dr.backup.intake.CommandPartitions;
import io.mcpbridge.dr.backup.intake.CommandReplays;
import io.mcpbridge.dr.backup.intake.CommandRunner;
import io.mcpbridge.dr.backup.intake.EventSender;
import io.mcpbridge.dr.backup.metrics.BackupMetrics;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.schedule.CronSchedule;
import io.mcpbridge.dr.events.trust.ReplayGuard;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * The plan's schedule: a backup every 6 hours, a verification and a prune daily (cron configurable, {@code off}
 * disables). Each is published as a command on {@code mcp-dr.commands.backup}, signed with the service's own
 * key, so it is queued, run and reported exactly like a command from an engineer.
 *
 * <p>With several instances, each period fires once: scheduled commands carry no scope, so they are keyed
 * {@value #KEY}, and only the instance whose share of the topic holds that key's partition publishes them. A
 * command's id is its schedule's period ({@code schedule-backup-<due, Unix seconds>}), so should two instances
 * both believe they own it for a moment, the second copy is the same command and runs no second time. When an
 * instance is given that partition, it publishes the latest period of each schedule that no one took (its owner
 * died before firing, or while nobody owned it): once, however many periods were missed.
 */
@ApplicationScoped
public class BackupSchedules {

    /** The key of a command without scopes ({@link BackupCommand#kafkaKey()}): whose partition fires schedules. */
    static final String KEY = "all";

    private static final Logger LOG = Logger.getLogger(BackupSchedules.class);
    private static final int REMEMBERED = 64;

    private final EventSender sender;
    private final Clock clock;
    private final Map<BackupAction, String> crons = new LinkedHashMap<>();
    private final ReplayGuard taken;
    private final CommandRunner runner;
    private final BackupMetrics metrics;
    private final Set<String> published = new LinkedHashSet<>();
    private final ExecutorService catchUps = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "schedule-catch-up");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean owner;

    public BackupSchedules(
            EventSender sender,
            Clock clock,
            BackupConfig config,
            @Identifier(CommandReplays.NAME) CommandReplays replays,
            CommandRunner runner,
            BackupMetrics metrics) {
        this.metrics = metrics;
        this.sender = sender;
        this.clock = clock;
        this.taken = replays.guard();
        this.runner = runner;
        crons.put(BackupAction.BACKUP, config.schedule().backup());
        crons.put(BackupAction.VERIFY, config.schedule().verify());
        crons.put(BackupAction.PRUNE, config.schedule().prune());
    }

    @Scheduled(
            identity = "backup",
            cron = "${mcpdr.backup.schedule.backup}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void backup(ScheduledExecution execution) {
        fire(BackupAction.BACKUP, execution.getScheduledFireTime());
    }

    @Scheduled(
            identity = "verify",
            cron = "${mcpdr.backup.schedule.verify}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void verify(ScheduledExecution execution) {
        fire(BackupAction.VERIFY, execution.getScheduledFireTime());
    }

    @Scheduled(
            identity = "prune",
            cron = "${mcpdr.backup.schedule.prune}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune(ScheduledExecution execution) {
        fire(BackupAction.PRUNE, execution.getScheduledFireTime());
    }

    /** Whether this instance fires the schedules now. */
    public boolean owner() {
        return owner;
    }

    void onPartitions(@Observes CommandPartitions change) {
        boolean owns = change.ownership().owns(KEY);
        boolean given = owns && !owner;
        if (owns != owner) {
            LOG.infof(owns ? "this instance fires the schedules now" : "this instance no longer fires the schedules");
        }
        owner = owns;
        metrics.firesSchedules(owns);
        if (given) {
            // Off the consumer's thread: reading the store must not hold up the group.
            catchUps.execute(this::catchUp);
        }
    }

    private void fire(BackupAction action, Instant due) {
        if (!owner) {
            LOG.debugf("scheduled %s of %s is another instance's to fire", action, due);
            return;
        }
        request(action, due);
    }

    /** The latest period of each schedule, unless someone took it. */
    void catchUp() {
        Instant now = clock.instant();
        for (Map.Entry<BackupAction, String> schedule : crons.entrySet()) {
            try {
                CronSchedule.lastDue(schedule.getValue(), now, ZoneId.systemDefault())
                        .ifPresent(due -> {
                            String id = id(schedule.getKey(), due);
                            if (!publishedHere(id)
                                    && !taken.knows(id)
                                    && runner.recorded(id).isEmpty()) {
                                LOG.infof(
                                        "scheduled %s of %s was not taken by anyone; it is taken now",
                                        schedule.getKey(), due);
                                request(schedule.getKey(), due);
                            }
                        });
            } catch (RuntimeException e) {
                LOG.errorf("whether the scheduled %s is due could not be told: %s", schedule.getKey(), e.getMessage());
            }
        }
    }

    /** The command of one period of a schedule; a period published before is not published again. */
    public void request(BackupAction action, Instant due) {
        String id = id(action, due);
        if (!remember(id)) {
            return;
        }
        Instant now = clock.instant();
        BackupCommand command = new BackupCommand(
                id, action, List.of(), backupIdOf(action), null, "scheduled", "schedule", now, null, null);
        if (!sender.send(new EventEnvelope(
                id, EventType.BACKUP_REQUESTED, "/mcp-dr/backup-service/schedule", command.kafkaKey(), now, command))) {
            forget(id);
            LOG.errorf("scheduled %s could not be queued", action);
        }
    }

    static String id(BackupAction action, Instant due) {
        return "schedule-" + action.name().toLowerCase(Locale.ROOT) + "-" + due.getEpochSecond();
    }

    private static String backupIdOf(BackupAction action) {
        return action == BackupAction.VERIFY ? BackupCommand.LATEST : null;
    }

    private synchronized boolean publishedHere(String id) {
        return published.contains(id);
    }

    private synchronized boolean remember(String id) {
        if (!published.add(id)) {
            return false;
        }
        if (published.size() > REMEMBERED) {
            published.remove(published.iterator().next());
        }
        return true;
    }

    private synchronized void forget(String id) {
        published.remove(id);
    }

    @PreDestroy
    void stop() {
        catchUps.shutdownNow();
    }
}
