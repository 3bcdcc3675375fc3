package io.mcpbridge.dr.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupPhase;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.kafka.PartitionOwnership;
import io.mcpbridge.dr.system.support.BackupServiceSettings;
import io.mcpbridge.dr.testing.BackupCommands;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.RedisServer;
import io.mcpbridge.dr.testing.S3Server;
import io.mcpbridge.dr.testing.ServiceProcess;
import io.mcpbridge.dr.testing.TestEvents;
import io.mcpbridge.dr.testing.TestSigners;
import io.mcpbridge.dr.testing.TopicRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two packaged backup-services sharing one broker, one bucket and one session store, as two replicas do. The
 * commands topic has {@value #PARTITIONS} partitions, which the range assignor splits in two halves: commands keyed
 * {@code all} (partition 8) and {@code redis} (partition 12) are handled by different instances, and the scope
 * leases alone keep them apart. The backup schedule fires every {@value #PERIOD_SECONDS} s; each period is
 * backed up once, also when the instance that fires the schedules is killed just before a period is due.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupServiceReplicasIT {

    /** As kafka.yaml creates it: each key its own partition, all and redis in different halves. */
    private static final int PARTITIONS = 20;

    private static final int PERIOD_SECONDS = 20;
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** backup-service's group session timeout: how long a dead instance's partitions wait for another. */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    /** Enough sessions that a restore takes a while: long enough for a second one to arrive meanwhile. */
    private static final int SESSIONS = 150_000;

    /** How far off the next scheduled backup is when a pair of commands is sent: longer than the first takes. */
    private static final Duration QUIET = Duration.ofSeconds(12);

    private static final Pattern SCHEDULED = Pattern.compile("schedule-backup-(\\d+)");

    private static KafkaBroker broker;
    private static S3Server s3;
    private static RedisServer sessions;
    private static Path configs;
    private static TopicRecorder results;
    private static TestEvents events;
    private static ServiceProcess a;
    private static ServiceProcess b;
    private static Instant started;

    @BeforeAll
    static void startTwoInstances() throws IOException {
        assertThat(PartitionOwnership.partitionOf("all", PARTITIONS))
                .as("the test's premise: keys all and redis in different halves of the topic")
                .isEqualTo(8);
        assertThat(PartitionOwnership.partitionOf("redis", PARTITIONS)).isEqualTo(12);
        broker = KafkaBroker.startDedicated();
        broker.createSystemTopic(Topics.COMMANDS_BACKUP, PARTITIONS);
        broker.createSystemTopics(3);
        s3 = S3Server.start();
        sessions = RedisServer.start(List.of("--enable-debug-command", "yes"));
        sessions.command("DEBUG", "POPULATE", Integer.toString(SESSIONS), "session:", "64");
        configs = Files.createTempDirectory("mcp-bridge-config-");
        Files.writeString(configs.resolve("gateway.yaml"), "listen: 8443\n");
        results = TopicRecorder.fromNow(broker.bootstrapServers(), Topics.BACKUP_RESULTS);
        events = new TestEvents(broker.bootstrapServers());
        started = Instant.now();
        Map<String, String> settings = settings();
        Path jar = Path.of(System.getProperty("backup-service.jar"));
        a = ServiceProcess.start(jar, "backup-service-a", settings);
        b = ServiceProcess.start(jar, "backup-service-b", settings);
        Awaitility.await("both instances ready, with half of the partitions each, one firing the schedules")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> metric(a, "mcpdr_backup_command_partitions") == PARTITIONS / 2
                        && metric(b, "mcpdr_backup_command_partitions") == PARTITIONS / 2
                        && metric(a, "mcpdr_backup_schedules_owner") + metric(b, "mcpdr_backup_schedules_owner") == 1);
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (AutoCloseable each : new AutoCloseable[] {a, b, events, results, sessions, s3, broker}) {
            if (each != null) {
                each.close();
            }
        }
    }

    @Test
    @Order(1)
    void restoresOfAllAndOfRedisOnDifferentInstancesNeverOverlap() {
        BackupResult backup = run(command(BackupAction.BACKUP, List.of(), null));
        assertThat(backup.phase()).as(backup.reason()).isEqualTo(BackupPhase.SUCCEEDED);

        BackupCommand everything = command(BackupAction.RESTORE, List.of(), backup.backupId());
        BackupCommand redis = command(BackupAction.RESTORE, List.of(BackupScope.REDIS), backup.backupId());
        sendWhileTheFirstRuns(everything, redis);

        assertRanOneAfterTheOther(everything.id(), redis.id());
    }

    @Test
    @Order(2)
    void aPruneNeverRunsWhileABackupOfTheSameScopeDoes() {
        BackupCommand backup = command(BackupAction.BACKUP, List.of(BackupScope.REDIS), null);
        BackupCommand prune = command(BackupAction.PRUNE, List.of(), null);
        sendWhileTheFirstRuns(backup, prune);

        assertRanOneAfterTheOther(backup.id(), prune.id());
    }

    @Test
    @Order(3)
    void eachScheduledPeriodIsBackedUpOnceAlsoWhenTheInstanceFiringThemIsKilled() {
        ServiceProcess firing = metric(a, "mcpdr_backup_schedules_owner") == 1 ? a : b;
        ServiceProcess survivor = firing == a ? b : a;
        // Killed a few seconds before a period is due, so that period falls while nobody fires the schedules.
        long due = (Instant.now().getEpochSecond() / PERIOD_SECONDS + 2) * PERIOD_SECONDS;
        Instant killAt = Instant.ofEpochSecond(due - 4);
        Awaitility.await("four seconds before a period")
                .atMost(Duration.ofSeconds(2L * PERIOD_SECONDS + 5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !Instant.now().isBefore(killAt));
        kill(firing);
        Instant killed = Instant.now();

        BackupResult caughtUp = BackupCommands.terminalResult(results, "schedule-backup-" + due, WAIT);
        assertThat(caughtUp.phase()).as(caughtUp.reason()).isEqualTo(BackupPhase.SUCCEEDED);
        Instant caughtUpStarted =
                phase("schedule-backup-" + due, BackupPhase.STARTED).time();
        System.out.printf(
                "schedule take-over: the period due %d ms after the kill started %d ms after it (session timeout %d s)%n",
                Duration.between(killed, Instant.ofEpochSecond(due)).toMillis(),
                Duration.between(killed, caughtUpStarted).toMillis(),
                SESSION_TIMEOUT.toSeconds());
        assertThat(metric(survivor, "mcpdr_backup_schedules_owner")).isEqualTo(1);
        assertThat(metric(survivor, "mcpdr_backup_command_partitions")).isEqualTo(PARTITIONS);

        long last = due + 2L * PERIOD_SECONDS;
        BackupResult later = BackupCommands.terminalResult(results, "schedule-backup-" + last, WAIT);
        assertThat(later.phase()).as(later.reason()).isEqualTo(BackupPhase.SUCCEEDED);

        Map<Long, Set<String>> backupsByPeriod = scheduledBackupsByPeriod();
        long first = backupsByPeriod.keySet().iterator().next();
        assertThat(first)
                .as("the first period since the instances started")
                .isLessThanOrEqualTo((started.getEpochSecond() / PERIOD_SECONDS + 2) * PERIOD_SECONDS);
        for (long period = first; period <= last; period += PERIOD_SECONDS) {
            assertThat(backupsByPeriod.get(period))
                    .as("backups of the period due at %s", Instant.ofEpochSecond(period))
                    .hasSize(1);
        }
        assertThat(backupsByPeriod.keySet()).allMatch(period -> period % PERIOD_SECONDS == 0);
    }

    /**
     * Sends {@code first}, and {@code second} once the first has started, between two scheduled backups: a
     * scheduled backup holds every scope and takes the instance that owns key {@code all}, and running between two
     * leaves the pair to meet each other rather than both meet the schedule.
     */
    private static void sendWhileTheFirstRuns(BackupCommand first, BackupCommand second) {
        Awaitility.await("the last scheduled backup done and the next at least " + QUIET + " away")
                .atMost(Duration.ofSeconds(3L * PERIOD_SECONDS))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    long now = Instant.now().getEpochSecond();
                    long lastDue = now / PERIOD_SECONDS * PERIOD_SECONDS;
                    boolean lastDone = lastDue < started.getEpochSecond()
                            || !results.payloads(
                                            EventType.BACKUP_RESULT,
                                            BackupResult.class,
                                            r -> r.commandId().equals("schedule-backup-" + lastDue)
                                                    && r.phase().terminal())
                                    .isEmpty();
                    return lastDone && lastDue + PERIOD_SECONDS - now >= QUIET.toSeconds();
                });
        send(first);
        Awaitility.await(first.id() + " started")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !results.payloads(
                                EventType.BACKUP_RESULT,
                                BackupResult.class,
                                r -> r.commandId().equals(first.id()) && r.phase() == BackupPhase.STARTED)
                        .isEmpty());
        send(second);
    }

    /** Both ran, the second only once the first had ended, and the second was seen waiting for the first. */
    private static void assertRanOneAfterTheOther(String first, String second) {
        BackupResult firstDone = BackupCommands.terminalResult(results, first, WAIT);
        BackupResult secondDone = BackupCommands.terminalResult(results, second, WAIT);
        assertThat(firstDone.phase()).as(firstDone.reason()).isEqualTo(BackupPhase.SUCCEEDED);
        assertThat(secondDone.phase()).as(secondDone.reason()).isEqualTo(BackupPhase.SUCCEEDED);
        assertThat(phase(second, BackupPhase.STARTED).time())
                .as("%s started only after %s ended", second, first)
                .isAfterOrEqualTo(firstDone.time());
        assertThat(results.payloads(
                        EventType.BACKUP_RESULT,
                        BackupResult.class,
                        r -> r.commandId().equals(second)
                                && r.phase() == BackupPhase.PROGRESS
                                && r.reason() != null
                                && r.reason().contains(first)))
                .as("%s was seen waiting for %s", second, first)
                .isNotEmpty();
    }

    /** For each period of the backup schedule, the backups its command made. */
    private static Map<Long, Set<String>> scheduledBackupsByPeriod() {
        Map<Long, Set<String>> byPeriod = new TreeMap<>();
        for (BackupResult result : results.payloads(
                EventType.BACKUP_RESULT, BackupResult.class, r -> r.phase() == BackupPhase.SUCCEEDED)) {
            Matcher scheduled = SCHEDULED.matcher(result.commandId());
            if (scheduled.matches()) {
                byPeriod.computeIfAbsent(Long.parseLong(scheduled.group(1)), p -> new TreeSet<>())
                        .add(result.backupId());
            }
        }
        return byPeriod;
    }

    private static BackupResult phase(String commandId, BackupPhase phase) {
        return results.payloads(
                        EventType.BACKUP_RESULT,
                        BackupResult.class,
                        r -> r.commandId().equals(commandId) && r.phase() == phase)
                .get(0);
    }

    private static BackupResult run(BackupCommand command) {
        send(command);
        return BackupCommands.terminalResult(results, command.id(), WAIT);
    }

    private static BackupCommand command(BackupAction action, List<BackupScope> scopes, String backupId) {
        return new BackupCommand(
                action.name().toLowerCase() + "-" + UUID.randomUUID(),
                action,
                scopes,
                backupId,
                null,
                "replicas test",
                TestSigners.ENGINEER,
                Instant.now(),
                null,
                null);
    }

    private static void send(BackupCommand command) {
        events.publish(new EventEnvelope(
                command.id(), EventType.BACKUP_REQUESTED, "/test", command.kafkaKey(), Instant.now(), command));
    }

    private static void kill(ServiceProcess instance) {
        try {
            instance.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted killing " + instance.name());
        }
    }

    private static double metric(ServiceProcess instance, String name) {
        Matcher value =
                Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? ([0-9.]+)$").matcher(instance.get("/q/metrics"));
        return value.find() ? Double.parseDouble(value.group(1)) : -1;
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kafka.bootstrap.servers", broker.bootstrapServers());
        settings.putAll(BackupServiceSettings.of(s3, "configs,redis", configs, sessions.uri()));
        settings.put("mcpdr.backup.schedule.backup", "*/" + PERIOD_SECONDS + " * * * * ?");
        settings.put("mcpdr.backup.progress-interval", "500ms");
        return settings;
    }
}
