package io.mcpbridge.dr.backup.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.backup.intake.CommandRunner;
import io.mcpbridge.dr.backup.support.BackupServiceProfile;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupPhase;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.schedule.CronSchedule;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * An hourly backup schedule whose last period nobody took (the service was not running then): the instance that
 * is given the schedules' partition takes it once, and neither a second catch-up nor a second tick of the same
 * period publishes it again.
 */
@QuarkusTest
@TestProfile(ScheduleCatchUpTest.Hourly.class)
class ScheduleCatchUpTest {

    private static final String HOURLY = "0 0 * * * ?";
    private static final Duration WAIT = Duration.ofSeconds(60);

    public static class Hourly extends BackupServiceProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> settings = new HashMap<>(super.getConfigOverrides());
            settings.put("mcpdr.backup.schedule.backup", HOURLY);
            return settings;
        }
    }

    @Inject
    BackupSchedules schedules;

    @Inject
    CommandRunner runner;

    @Test
    void theLastPeriodNobodyTookIsTakenOnceWhenTheSchedulesPartitionIsGiven() {
        Instant due = CronSchedule.lastDue(HOURLY, Instant.now(), ZoneId.systemDefault())
                .orElseThrow();
        String id = BackupSchedules.id(BackupAction.BACKUP, due);
        Awaitility.await("the period due at " + due + " backed up on start")
                .atMost(WAIT)
                .until(() -> runner.recorded(id).isPresent());
        Optional<BackupResult> done = runner.recorded(id);
        assertThat(done).get().returns(BackupPhase.SUCCEEDED, BackupResult::phase);
        assertThat(schedules.owner()).isTrue();

        try (TopicRecorder commands =
                TopicRecorder.fromNow(KafkaBroker.shared().bootstrapServers(), Topics.COMMANDS_BACKUP)) {
            schedules.catchUp();
            schedules.request(BackupAction.BACKUP, due);
            // Published after the two above were looked at, on the same partition: once it is seen, they would be.
            schedules.request(BackupAction.PRUNE, Instant.now());
            commands.awaitPayloads(
                    EventType.BACKUP_REQUESTED,
                    BackupCommand.class,
                    command -> command.action() == BackupAction.PRUNE,
                    1,
                    WAIT);
            assertThat(commands.payloads(
                            EventType.BACKUP_REQUESTED,
                            BackupCommand.class,
                            command -> command.id().equals(id)))
                    .as("the period taken already is not published again")
                    .isEmpty();
        }
    }
}
