package io.mcpbridge.dr.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpbridge.dr.coordinator.support.CoordinatorProfile;
import io.mcpbridge.dr.coordinator.support.CoordinatorTopics;
import io.mcpbridge.dr.coordinator.support.SignedCommands;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupPhase;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.command.CommandOutcome;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.incident.RecoveryAction;
import io.mcpbridge.dr.events.incident.RecoveryCommand;
import io.mcpbridge.dr.events.incident.StepOutcome;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.testing.ClusterFixtures;
import io.mcpbridge.dr.testing.HealthSignals;
import io.mcpbridge.dr.testing.TestSigners;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Engineers' single-action commands over Kafka: a confirmed RESTORE asks backup-service for the backup it
 * names and ends with its result; a destructive command without confirmation is refused before it acts; a
 * dry run changes nothing; an escalated incident can be taken on by a command, one that automation is
 * working on cannot.
 */
@QuarkusTest
@TestProfile(CoordinatorProfile.class)
@WithKubernetesTestServer(crud = true)
class ManualCommandsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NS = "mcp-system";

    @Inject
    KubernetesClient client;

    @RegisterExtension
    final CoordinatorTopics topics = new CoordinatorTopics();

    @Test
    void aConfirmedRestoreAsksForTheNamedBackupAndEndsWithItsResult() {
        topics.events.send(SignedCommands.signed(
                command(RecoveryAction.RESTORE, "store-a", "bk-20261126T060000Z", List.of("redis"), true, false)));

        BackupCommand restore = topics.backupCommands
                .awaitPayloads(
                        EventType.BACKUP_REQUESTED,
                        BackupCommand.class,
                        c -> c.reason().contains("inc-store-a-"),
                        1,
                        WAIT)
                .get(0);
        assertThat(restore.action()).isEqualTo(BackupAction.RESTORE);
        assertThat(restore.backupId()).isEqualTo("bk-20261126T060000Z");
        assertThat(restore.scopes()).containsExactly(BackupScope.REDIS);
        Instant now = Instant.now();
        topics.events.publish(new EventEnvelope(
                "result-" + restore.id(),
                EventType.BACKUP_RESULT,
                "/test",
                restore.backupId(),
                now,
                new BackupResult(
                        restore.id(),
                        BackupAction.RESTORE,
                        BackupPhase.SUCCEEDED,
                        restore.backupId(),
                        restore.scopes(),
                        2048,
                        10,
                        1024L,
                        900,
                        Map.of("redisKeys", 10L),
                        null,
                        "bk-forensic-1",
                        null,
                        now,
                        null)));

        Incident resolved = awaitIncident(i -> i.component().equals("store-a") && i.state() == IncidentState.RESOLVED);
        assertThat(resolved.scenario()).isEqualTo("manual-restore");
        assertThat(resolved.automatedActions())
                .as("people's actions are not the automation's budget")
                .isEmpty();
        assertThat(resolved.parameters())
                .containsEntry("backup", "bk-20261126T060000Z")
                .containsEntry("scopes", "redis");
        assertThat(resolved.timeline()).anySatisfy(entry -> {
            assertThat(entry.step()).isEqualTo("restore-by-command");
            assertThat(entry.outcome()).isEqualTo(StepOutcome.SUCCEEDED);
        });
    }

    @Test
    void aDestructiveCommandWithoutConfirmationIsRefusedBeforeItActs() {
        secret("store-b-token");
        topics.events.send(SignedCommands.signed(
                command(RecoveryAction.ROTATE_CREDENTIALS, "store-b", null, List.of(), false, false)));

        Incident refused = awaitIncident(i -> i.component().equals("store-b") && i.state() == IncidentState.ESCALATED);
        assertThat(refused.timeline())
                .anySatisfy(entry -> assertThat(entry.outcome()).isEqualTo(StepOutcome.REFUSED))
                .noneSatisfy(entry -> assertThat(entry.outcome()).isEqualTo(StepOutcome.STARTED));
        assertThat(token()).isEqualTo("store-b-token");
    }

    @Test
    void aDryRunChangesNothing() {
        secret("store-c-token");
        topics.events.send(SignedCommands.signed(
                command(RecoveryAction.ROTATE_CREDENTIALS, "store-c", null, List.of(), true, true)));

        Incident done = awaitIncident(i -> i.component().equals("store-c") && i.state() == IncidentState.RESOLVED);
        assertThat(done.timeline())
                .anySatisfy(entry -> assertThat(entry.detail()).startsWith("dry run: would rotate-credentials"));
        assertThat(token()).isEqualTo("store-c-token");
    }

    @Test
    void aTellIsWrittenOnTheTimelineAndHandedToTheNotifierForExactlyItsAudiences() {
        // An unconfirmed destructive command leaves an open incident, escalated to people.
        topics.events.send(SignedCommands.signed(
                command(RecoveryAction.ROTATE_CREDENTIALS, "store-t", null, List.of(), false, false)));
        Incident open = awaitIncident(i -> i.component().equals("store-t") && i.state() == IncidentState.ESCALATED);

        String words = "Sign-ins work again; thank you for your patience.";
        RecoveryCommand tell = tell("store-t", List.of("customers", "leadership"), words);
        topics.events.send(SignedCommands.signed(tell));

        CommandOutcome told = outcomeOf(tell);
        assertThat(told.verdict()).isEqualTo(CommandOutcome.Verdict.ACCEPTED);
        assertThat(told.incidentId()).isEqualTo(open.id());
        NotificationRequest request = topics.notifications
                .awaitPayloads(
                        EventType.NOTIFY_REQUESTED,
                        NotificationRequest.class,
                        n -> n.id().equals(open.id() + ":told-" + tell.id()),
                        1,
                        WAIT)
                .get(0);
        assertThat(request.audiences()).containsExactly("customers", "leadership");
        assertThat(request.summary()).isEqualTo(words);
        assertThat(request.kind()).isEqualTo(NotificationKind.INCIDENT_UPDATED);
        assertThat(request.status()).isEqualTo("Escalated: engineers at work");
        assertThat(awaitIncident(i -> i.id().equals(open.id())
                        && i.timeline().stream().anyMatch(e -> e.detail().startsWith("told customers"))))
                .satisfies(incident -> assertThat(incident.timeline())
                        .anySatisfy(entry -> assertThat(entry.detail())
                                .isEqualTo("told customers, leadership by " + TestSigners.ENGINEER + ": " + words)));

        RecoveryCommand nobody = tell("store-t", List.of(), words);
        topics.events.send(SignedCommands.signed(nobody));
        assertThat(outcomeOf(nobody).verdict()).isEqualTo(CommandOutcome.Verdict.NOT_RUN);
    }

    @Test
    void anEscalatedIncidentCanBeTakenOnByACommandOneBeingWorkedOnCannot() {
        ClusterFixtures.deployment(client, NS, "mcp-edge-a");
        topics.events.publish(HealthSignals.down("edge-a", Instant.now()));
        Incident verifying = awaitIncident(i -> i.component().equals("edge-a") && i.state() == IncidentState.VERIFYING);

        RecoveryCommand tooEarly = command(RecoveryAction.RESTORE, "edge-a", "latest", List.of("configs"), true, false);
        topics.events.send(SignedCommands.signed(tooEarly));
        topics.notifications.awaitPayloads(
                EventType.NOTIFY_REQUESTED,
                NotificationRequest.class,
                n -> n.summary()
                        .startsWith("A recovery command was not run: RESTORE not run: automation is working on "
                                + verifying.id()),
                1,
                WAIT);

        CommandOutcome inTheWay = outcomeOf(tooEarly);
        assertThat(inTheWay.verdict()).isEqualTo(CommandOutcome.Verdict.NOT_RUN);
        assertThat(inTheWay.incidentId()).as("the incident in the way").isEqualTo(verifying.id());

        RecoveryCommand escalate = command(RecoveryAction.ESCALATE, "edge-a", null, List.of(), false, false);
        topics.events.send(SignedCommands.signed(escalate));
        assertThat(outcomeOf(escalate).incidentId()).isEqualTo(verifying.id());
        topics.incidents.awaitPayloads(
                EventType.INCIDENT_UPDATED,
                Incident.class,
                i -> i.id().equals(verifying.id()) && i.state() == IncidentState.ESCALATED,
                1,
                WAIT);
        topics.events.send(SignedCommands.signed(
                command(RecoveryAction.RESTORE, "edge-a", "latest", List.of("configs"), true, false)));

        BackupCommand restore = topics.backupCommands
                .awaitPayloads(
                        EventType.BACKUP_REQUESTED,
                        BackupCommand.class,
                        c -> c.id().startsWith(verifying.id() + ":"),
                        1,
                        WAIT)
                .get(0);
        assertThat(restore.id()).isEqualTo(verifying.id() + ":restore-by-command@run1");
        Incident takenOn =
                awaitIncident(i -> i.id().equals(verifying.id()) && i.scenario().equals("manual-restore"));
        assertThat(takenOn.state()).isEqualTo(IncidentState.RECOVERING);
    }

    @Test
    void aRestoreWithoutScopesIsNotRunAndARecoverWithoutScenarioTakesTheMasterScriptsChoice() {
        RecoveryCommand noScopes = command(RecoveryAction.RESTORE, "store-d", "latest", List.of(), true, false);
        topics.events.send(SignedCommands.signed(noScopes));
        topics.notifications.awaitPayloads(
                EventType.NOTIFY_REQUESTED,
                NotificationRequest.class,
                n -> n.summary()
                        .equals("A recovery command was not run: RESTORE not run: a RESTORE must name its scopes"),
                1,
                WAIT);

        CommandOutcome notRun = outcomeOf(noScopes);
        assertThat(notRun.verdict()).isEqualTo(CommandOutcome.Verdict.NOT_RUN);
        assertThat(notRun.reason()).isEqualTo("a RESTORE must name its scopes");
        assertThat(notRun.incidentId()).isNull();

        RecoveryCommand recover = command(RecoveryAction.RECOVER, "store-e", null, List.of(), false, false);
        topics.events.send(SignedCommands.signed(recover));
        Incident opened = awaitIncident(i -> i.component().equals("store-e"));
        assertThat(opened.scenario()).isEqualTo("service-failure");
        assertThat(opened.severity()).isEqualTo(Severity.CRITICAL);
        CommandOutcome accepted = outcomeOf(recover);
        assertThat(accepted.verdict()).isEqualTo(CommandOutcome.Verdict.ACCEPTED);
        assertThat(accepted.incidentId()).as("the incident the command opened").isEqualTo(opened.id());
        assertThat(accepted.handledBy()).isEqualTo("recovery-coordinator");
        assertThat(topics.incidents.payloads(
                        EventType.INCIDENT_UPDATED,
                        Incident.class,
                        i -> i.component().equals("store-d")))
                .as("nothing opened for the refused restore")
                .isEmpty();
    }

    @Test
    void aSecondRestoreOnTheSameIncidentIsANewCommandNotAnsweredWithTheFirstOnesResult() {
        topics.events.send(SignedCommands.signed(
                command(RecoveryAction.RESTORE, "store-f", "latest", List.of("redis"), true, false)));
        BackupCommand first = awaitBackupCommand("inc-store-f-", 1).get(0);
        answer(first, BackupPhase.FAILED);
        Incident escalated =
                awaitIncident(i -> i.component().equals("store-f") && i.state() == IncidentState.ESCALATED);

        topics.events.send(SignedCommands.signed(
                command(RecoveryAction.RESTORE, "store-f", "latest", List.of("redis"), true, false)));

        BackupCommand second = awaitBackupCommand("inc-store-f-", 2).get(1);
        assertThat(second.id()).isNotEqualTo(first.id()).startsWith(escalated.id() + ":");
        answer(second, BackupPhase.SUCCEEDED);
        Incident resolved = awaitIncident(i -> i.id().equals(escalated.id()) && i.state() == IncidentState.RESOLVED);
        assertThat(resolved.timeline())
                .filteredOn(entry -> entry.step().equals("restore-by-command"))
                .extracting(entry -> entry.outcome())
                .containsSubsequence(StepOutcome.FAILED, StepOutcome.SUCCEEDED);
    }

    @Test
    void aResultNotSignedByBackupServiceCompletesNothingAndIsCounted() {
        topics.events.send(SignedCommands.signed(
                command(RecoveryAction.RESTORE, "store-j", "latest", List.of("redis"), true, false)));
        BackupCommand restore = awaitBackupCommand("inc-store-j-", 1).get(0);
        Instant now = Instant.now();
        BackupResult forged = new BackupResult(
                restore.id(),
                BackupAction.RESTORE,
                BackupPhase.SUCCEEDED,
                "bk-forged",
                restore.scopes(),
                0,
                0,
                null,
                1,
                Map.of(),
                null,
                null,
                null,
                now,
                null);

        topics.events.publishSignedBy(
                TestSigners.signer(TestSigners.ENGINEER),
                new EventEnvelope(
                        "forged-" + restore.id(), EventType.BACKUP_RESULT, "/test", restore.id(), now, forged));

        Awaitility.await("the forged result counted")
                .atMost(WAIT)
                .until(() -> RestAssured.given()
                        .get("/q/metrics")
                        .asString()
                        .lines()
                        .anyMatch(line -> line.startsWith("mcpdr_coordinator_backup_results_refused_total")
                                && !line.endsWith(" 0.0")));
        assertThat(topics.incidents.payloads(
                        EventType.INCIDENT_UPDATED,
                        Incident.class,
                        i -> i.component().equals("store-j") && i.state() == IncidentState.RESOLVED))
                .isEmpty();
        answer(restore, BackupPhase.SUCCEEDED);
        Incident resolved = awaitIncident(i -> i.component().equals("store-j") && i.state() == IncidentState.RESOLVED);
        assertThat(resolved.timeline())
                .noneSatisfy(entry -> assertThat(entry.detail()).contains("bk-forged"));
    }

    @Test
    void anEarlierConfirmationDoesNotConfirmALaterUnconfirmedCommand() {
        secret("store-g-token");
        topics.events.send(SignedCommands.signed(
                command(RecoveryAction.RESTORE, "store-g", "latest", List.of("redis"), true, false)));
        answer(awaitBackupCommand("inc-store-g-", 1).get(0), BackupPhase.FAILED);
        Incident escalated =
                awaitIncident(i -> i.component().equals("store-g") && i.state() == IncidentState.ESCALATED);

        topics.events.send(SignedCommands.signed(
                command(RecoveryAction.ROTATE_CREDENTIALS, "store-g", null, List.of(), false, false)));

        Incident refused = awaitIncident(i -> i.id().equals(escalated.id())
                && i.state() == IncidentState.ESCALATED
                && i.scenario().equals("manual-rotate-credentials"));
        assertThat(refused.timeline()).anySatisfy(entry -> {
            assertThat(entry.step()).isEqualTo("rotate-credentials-by-command");
            assertThat(entry.outcome()).isEqualTo(StepOutcome.REFUSED);
        });
        assertThat(token()).isEqualTo("store-g-token");
    }

    @Test
    void anEarlierDryRunDoesNotTurnALaterRealCommandIntoOne() {
        secret("store-h-token");
        ClusterFixtures.deployment(client, NS, "mcp-store-h");
        RecoveryCommand dryBreach = new RecoveryCommand(
                "cmd-breach-h-" + System.nanoTime(),
                RecoveryAction.RECOVER,
                "store-h",
                "security-breach",
                null,
                List.of(),
                "test",
                "alice",
                false,
                true,
                null,
                Instant.now(),
                List.of());
        topics.events.send(SignedCommands.signed(dryBreach));
        Incident escalated =
                awaitIncident(i -> i.component().equals("store-h") && i.state() == IncidentState.ESCALATED);

        topics.events.send(SignedCommands.signed(
                command(RecoveryAction.ROTATE_CREDENTIALS, "store-h", null, List.of(), true, false)));

        Incident rotated = awaitIncident(i -> i.id().equals(escalated.id()) && i.state() == IncidentState.RESOLVED);
        assertThat(rotated.timeline())
                .filteredOn(entry -> entry.step().equals("rotate-credentials-by-command"))
                .noneSatisfy(entry -> assertThat(entry.detail()).startsWith("dry run"));
        assertThat(token()).isNotEqualTo("store-h-token");
    }

    @Test
    void aConfirmedRecoverWithoutScenarioTakesOnAnEscalatedIncident() {
        topics.events.send(SignedCommands.signed(
                command(RecoveryAction.ROTATE_CREDENTIALS, "store-i", null, List.of(), false, false)));
        Incident escalated =
                awaitIncident(i -> i.component().equals("store-i") && i.state() == IncidentState.ESCALATED);

        topics.events.send(
                SignedCommands.signed(command(RecoveryAction.RECOVER, "store-i", null, List.of(), true, false)));

        Incident takenOn =
                awaitIncident(i -> i.id().equals(escalated.id()) && i.scenario().equals("service-failure"));
        assertThat(takenOn.timeline())
                .anySatisfy(entry -> assertThat(entry.detail()).startsWith("service-failure started by alice"));
    }

    private List<BackupCommand> awaitBackupCommand(String reasonPart, int count) {
        return topics.backupCommands.awaitPayloads(
                EventType.BACKUP_REQUESTED, BackupCommand.class, c -> c.reason().contains(reasonPart), count, WAIT);
    }

    /** backup-service's answer to a command (signed as backup-service by the test events). */
    @Test
    void aCommandSignedByAStrangerIsAnsweredRefusedWithTheReasonAndRunsNothing() {
        RecoveryCommand stranger = command(RecoveryAction.RECOVER, "store-f", null, List.of(), true, false);
        topics.events.publishSignedBy(
                TestSigners.signer(TestSigners.STRANGER),
                new EventEnvelope(
                        stranger.id(),
                        EventType.RECOVERY_REQUESTED,
                        "/test",
                        stranger.component(),
                        stranger.requestedAt(),
                        stranger));

        CommandOutcome refused = outcomeOf(stranger);
        assertThat(refused.verdict()).isEqualTo(CommandOutcome.Verdict.REFUSED);
        assertThat(refused.reason()).contains(TestSigners.STRANGER);
        assertThat(topics.incidents.payloads(
                        EventType.INCIDENT_UPDATED,
                        Incident.class,
                        i -> i.component().equals("store-f")))
                .isEmpty();
    }

    /** The command's one outcome, signed by the coordinator. */
    private CommandOutcome outcomeOf(RecoveryCommand command) {
        CommandOutcome outcome = topics.outcomes
                .awaitPayloads(
                        EventType.COMMAND_OUTCOME,
                        CommandOutcome.class,
                        o -> o.commandId().equals(command.id()),
                        1,
                        WAIT)
                .get(0);
        assertThat(topics.outcomes.records())
                .filteredOn(record -> record.key().equals(command.id()))
                .singleElement()
                .satisfies(record -> assertThat(EventRecords.header(record.headers(), "mcpdr-signer"))
                        .contains("recovery-coordinator"));
        return outcome;
    }

    private void answer(BackupCommand command, BackupPhase phase) {
        Instant now = Instant.now();
        topics.events.publish(new EventEnvelope(
                "result-" + command.id(),
                EventType.BACKUP_RESULT,
                "/test",
                command.id(),
                now,
                new BackupResult(
                        command.id(),
                        command.action(),
                        phase,
                        null,
                        command.scopes(),
                        0,
                        0,
                        null,
                        100,
                        Map.of(),
                        null,
                        null,
                        phase == BackupPhase.FAILED ? "the test says no" : null,
                        now,
                        null)));
    }

    private static RecoveryCommand command(
            RecoveryAction action,
            String component,
            String backupId,
            List<String> scopes,
            boolean confirmed,
            boolean dryRun) {
        return new RecoveryCommand(
                "cmd-" + action + "-" + component + "-" + System.nanoTime(),
                action,
                component,
                null,
                backupId,
                scopes,
                "test",
                "alice",
                confirmed,
                dryRun,
                null,
                Instant.now(),
                List.of());
    }

    private static RecoveryCommand tell(String component, List<String> audiences, String words) {
        return new RecoveryCommand(
                "cmd-tell-" + component + "-" + System.nanoTime(),
                RecoveryAction.TELL,
                component,
                null,
                null,
                List.of(),
                words,
                "alice",
                false,
                false,
                null,
                Instant.now(),
                audiences);
    }

    private void secret(String value) {
        client.secrets()
                .inNamespace(NS)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("mcp-credentials")
                        .endMetadata()
                        .withData(Map.of(
                                "token", Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))))
                        .build())
                .createOr(existing -> existing.update());
    }

    private String token() {
        return new String(
                Base64.getDecoder()
                        .decode(client.secrets()
                                .inNamespace(NS)
                                .withName("mcp-credentials")
                                .get()
                                .getData()
                                .get("token")),
                StandardCharsets.UTF_8);
    }

    /** The first incident version that matches, waiting (bounded) for it. */
    private Incident awaitIncident(Predicate<Incident> matching) {
        return topics.incidents
                .awaitPayloads(EventType.INCIDENT_UPDATED, Incident.class, matching, 1, WAIT)
                .get(0);
    }
}
