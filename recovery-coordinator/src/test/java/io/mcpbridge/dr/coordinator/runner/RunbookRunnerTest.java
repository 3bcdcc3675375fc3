package io.mcpbridge.dr.coordinator.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.mcpbridge.dr.coordinator.action.HostCommands;
import io.mcpbridge.dr.coordinator.action.KubernetesActions;
import io.mcpbridge.dr.coordinator.action.SessionRevoker;
import io.mcpbridge.dr.coordinator.incident.IncidentBook;
import io.mcpbridge.dr.coordinator.incident.Incidents;
import io.mcpbridge.dr.coordinator.incident.RecoveryPoints;
import io.mcpbridge.dr.coordinator.runbook.OnFailure;
import io.mcpbridge.dr.coordinator.runbook.OnSuccess;
import io.mcpbridge.dr.coordinator.runbook.Runbook;
import io.mcpbridge.dr.coordinator.runbook.RunbookCatalog;
import io.mcpbridge.dr.coordinator.runbook.Scenario;
import io.mcpbridge.dr.coordinator.runbook.Step;
import io.mcpbridge.dr.coordinator.runbook.StepAction;
import io.mcpbridge.dr.coordinator.safety.ActionBudget;
import io.mcpbridge.dr.coordinator.safety.MaintenanceWindows;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupPhase;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.events.health.ProbeKind;
import io.mcpbridge.dr.events.health.TargetHealth;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.incident.StepOutcome;
import io.mcpbridge.dr.events.incident.TimelineEntry;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.testing.ClusterFixtures;
import io.mcpbridge.dr.testing.RedisServer;
import io.mcpbridge.dr.testing.TargetHealthBuilder;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plan's service-failure runbook run against a Kubernetes API (the fabric8 mock server in CRUD mode):
 * one restart, a rollback when that does not help, escalation when nothing does, and no step repeated when
 * another instance takes over mid-way.
 */
@EnableKubernetesMockClient(crud = true)
class RunbookRunnerTest {

    private static final String NS = "mcp-system";
    private static final Map<String, String> LABELS = Map.of("app", "mcp-gateway");

    static KubernetesClient client;
    private static Vertx vertx;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final List<Incident> published = new ArrayList<>();
    private final List<NotificationRequest> notifications = new ArrayList<>();
    private final HostCommands hosts = new HostCommands();
    private RunbookCatalog catalog;
    private KubernetesActions actions;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        catalog = RunbookCatalog.load(Optional.empty());
        actions = new KubernetesActions(client);
        client.apps().deployments().inNamespace(NS).withName("mcp-gateway").delete();
        client.apps().replicaSets().inNamespace(NS).delete();
        client.apps()
                .deployments()
                .inNamespace(NS)
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName("mcp-gateway")
                        .addToAnnotations("deployment.kubernetes.io/revision", "2")
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(2)
                        .withNewSelector()
                        .withMatchLabels(LABELS)
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .withLabels(LABELS)
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("gateway")
                        .withImage("mcp-bridge/gateway:1.1.0")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create();
        ClusterFixtures.replicaSet(client, NS, "mcp-gateway-1", "1", LABELS, "gateway", "mcp-bridge/gateway:1.0.0");
        ClusterFixtures.replicaSet(client, NS, "mcp-gateway-2", "2", LABELS, "gateway", "mcp-bridge/gateway:1.1.0");
    }

    @Test
    void gatewayDownGetsExactlyOneRestartThenResolvesWhenHealthy() {
        Incident incident = openGatewayIncident();

        Incident waiting = runner().advance(incident, serviceFailure(), context(now, HealthState.DOWN, now));

        assertThat(waiting.state()).isEqualTo(IncidentState.VERIFYING);
        assertThat(actions.restartedAt(NS, "mcp-gateway")).isPresent();
        Incident resolved = runner().advance(
                        waiting, serviceFailure(), context(now.plusSeconds(40), HealthState.UP, now.plusSeconds(40)));

        assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(resolved.rto()).isEqualTo(Duration.ofSeconds(40));
        assertThat(started(resolved, "restart")).isEqualTo(1);
        assertThat(started(resolved, "roll-back")).isZero();
        assertThat(image()).isEqualTo("mcp-bridge/gateway:1.1.0");
        assertThat(published).extracting(Incident::version).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aRestartThatDoesNotHelpIsRolledBackAndThenEscalated() {
        Incident incident = openGatewayIncident();
        Incident afterRestart = runner().advance(incident, serviceFailure(), context(now, HealthState.DOWN, now));

        Incident afterUndo = runner().advance(
                        afterRestart,
                        serviceFailure(),
                        context(
                                now.plusSeconds(301),
                                HealthState.DOWN,
                                now.plusSeconds(300),
                                afterRestart.automatedActions()));

        assertThat(image()).as("rolled back").isEqualTo("mcp-bridge/gateway:1.0.0");
        assertThat(afterUndo.state()).isEqualTo(IncidentState.VERIFYING);
        Incident escalated = runner().advance(
                        afterUndo,
                        serviceFailure(),
                        context(
                                now.plusSeconds(602),
                                HealthState.DOWN,
                                now.plusSeconds(600),
                                afterUndo.automatedActions()));

        assertThat(escalated.state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(escalated.escalatedAt()).isNotNull();
        assertThat(started(escalated, "restart")).isOne();
        assertThat(started(escalated, "roll-back")).isOne();
    }

    @Test
    void anInstanceTakingOverBetweenRestartAndVerificationDoesNotRestartAgain() {
        Incident incident = openGatewayIncident();
        runner().advance(incident, serviceFailure(), context(now, HealthState.DOWN, now));
        Incident lastSeen = published.stream()
                .filter(i -> last(i).step().equals("restart") && last(i).outcome() == StepOutcome.STARTED)
                .findFirst()
                .orElseThrow(); // what the topic held when the first instance died
        Instant restartedAt = actions.restartedAt(NS, "mcp-gateway").orElseThrow();

        Incident resolved = runner().advance(
                        lastSeen, serviceFailure(), context(now.plusSeconds(30), HealthState.UP, now.plusSeconds(30)));

        assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(actions.restartedAt(NS, "mcp-gateway")).contains(restartedAt);
        assertThat(resolved.timeline())
                .anySatisfy(entry -> assertThat(entry.detail()).contains("not repeated"));
    }

    @Test
    void anExhaustedBudgetEscalatesInsteadOfActing() {
        Incident incident = openGatewayIncident();
        List<Instant> earlier = List.of(now.minusSeconds(3000), now.minusSeconds(2000), now.minusSeconds(1000));

        Incident escalated = runner().advance(incident, serviceFailure(), context(now, HealthState.DOWN, now, earlier));

        assertThat(escalated.state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(last(escalated).detail()).contains("3 automated actions within 60 min");
        assertThat(actions.restartedAt(NS, "mcp-gateway")).isEmpty();
    }

    @Test
    void aComponentHealthyAgainIsNotActedOn() {
        Incident incident = openGatewayIncident();

        Incident resolved = runner().advance(
                        incident, serviceFailure(), context(now.plusSeconds(5), HealthState.UP, now.plusSeconds(5)));

        assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(actions.restartedAt(NS, "mcp-gateway")).isEmpty();
    }

    @Test
    void aRunPeopleAskedForIsCarriedOutWhileTheProbesSeeTheComponentHealthy() {
        Incident incident = openGatewayIncident();
        Instant at = now.plusSeconds(5);

        Incident after = runner().advance(
                        incident,
                        serviceFailure(),
                        new RunContext(
                                Map.of("gateway", health(HealthState.UP, at)),
                                List.of(),
                                true,
                                false,
                                false,
                                at,
                                Map.of()));

        assertThat(actions.restartedAt(NS, "mcp-gateway")).isPresent();
        assertThat(started(after, "restart")).isEqualTo(1);
    }

    @Test
    void aRunPeopleAskedForIsNeitherHeldNorCountedByTheAutomatedActionBudget() {
        Incident incident = openGatewayIncident();
        List<Instant> exhausted = List.of(now.minusSeconds(900), now.minusSeconds(600), now.minusSeconds(300));

        Incident after = runner().advance(
                        incident,
                        serviceFailure(),
                        new RunContext(
                                Map.of("gateway", health(HealthState.DOWN, now)),
                                exhausted,
                                true,
                                false,
                                false,
                                now,
                                Map.of()));

        assertThat(actions.restartedAt(NS, "mcp-gateway")).isPresent();
        assertThat(after.automatedActions()).as("not the automation's action").isEmpty();
    }

    @Test
    void aDryRunChangesNothing() {
        Incident incident = openGatewayIncident();

        Incident after = runner().advance(
                        incident,
                        serviceFailure(),
                        new RunContext(Map.of("gateway", health(HealthState.DOWN, now)), List.of(), false, true, now));

        assertThat(actions.restartedAt(NS, "mcp-gateway")).isEmpty();
        assertThat(after.timeline())
                .anySatisfy(entry -> assertThat(entry.detail()).startsWith("dry run: would rollout-restart"));
    }

    @Test
    void aSecurityBreachWithoutConfirmationIsRefusedAndTouchesNoSecret() {
        client.secrets().inNamespace(NS).withName("mcp-credentials").delete();
        client.secrets()
                .inNamespace(NS)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("mcp-credentials")
                        .endMetadata()
                        .withData(Map.of("token", "b2xk"))
                        .build())
                .create();
        Incident incident = openGatewayIncident();
        Runbook breach = catalog.runbook(Scenario.SECURITY_BREACH);

        Incident refused = runner().advance(incident, breach, context(now, HealthState.DOWN, now));

        assertThat(refused.state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(refused.timeline()).anySatisfy(entry -> {
            assertThat(entry.step()).isEqualTo("revoke-sessions");
            assertThat(entry.outcome()).isEqualTo(StepOutcome.REFUSED);
        });
        assertThat(client.secrets()
                        .inNamespace(NS)
                        .withName("mcp-credentials")
                        .get()
                        .getData())
                .containsEntry("token", "b2xk");
    }

    @Test
    void aConfirmedSecurityBreachRemovesOnlySessionsRotatesTheSecretAndRestartsEveryDeployment() {
        client.secrets().inNamespace(NS).withName("mcp-credentials").delete();
        client.secrets()
                .inNamespace(NS)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("mcp-credentials")
                        .endMetadata()
                        .withData(Map.of("token", "b2xk"))
                        .build())
                .create();
        client.apps()
                .deployments()
                .inNamespace(NS)
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName("mcp-router")
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(1)
                        .withNewSelector()
                        .withMatchLabels(Map.of("app", "mcp-router"))
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .withLabels(Map.of("app", "mcp-router"))
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("router")
                        .withImage("mcp-bridge/router:1.0.0")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .createOr(existing -> existing.update());
        try (RedisServer redis = RedisServer.start()) {
            redis.command("SET", "session:0123456789abcdef0123456789abcdef", "{}");
            redis.command("SET", "ratelimit:client-1:29000000", "3");
            RunbookRunner runner = runner(executor(sessionStore(redis)));
            Incident incident = openGatewayIncident();
            Runbook breach = catalog.runbook(Scenario.SECURITY_BREACH);

            Incident verifying = runner.advance(
                    incident,
                    breach,
                    new RunContext(Map.of("gateway", health(HealthState.DOWN, now)), List.of(), true, false, now));
            Incident done = runner.advance(
                    verifying,
                    breach,
                    new RunContext(
                            Map.of("gateway", health(HealthState.UP, now.plusSeconds(20))),
                            List.of(),
                            true,
                            false,
                            now.plusSeconds(20)));

            assertThat(redis.command("EXISTS", "session:0123456789abcdef0123456789abcdef"))
                    .isEqualTo(":0");
            assertThat(redis.command("EXISTS", "ratelimit:client-1:29000000")).isEqualTo(":1");
            assertThat(client.secrets()
                            .inNamespace(NS)
                            .withName("mcp-credentials")
                            .get()
                            .getData()
                            .get("token"))
                    .isNotEqualTo("b2xk");
            assertThat(actions.restartedAt(NS, "mcp-gateway")).isPresent();
            assertThat(actions.restartedAt(NS, "mcp-router")).isPresent();
            assertThat(done.state()).isEqualTo(IncidentState.RESOLVED);
            assertThat(notifications).singleElement().satisfies(notice -> {
                assertThat(notice.id()).isEqualTo(done.id() + ":notify-security");
                assertThat(notice.details()).containsEntry("Audience", "security");
            });
        }
    }

    @Test
    void aRedisThatRestartedEmptyFailsItsVerificationAndItsSessionsAreRestoredFromBackup() {
        List<BackupCommand> backupRequests = new ArrayList<>();
        redisDeployment();
        try (RedisServer redis = RedisServer.start()) {
            RunbookRunner runner = runnerSendingBackups(redis, backupRequests);
            Runbook redisFailure = catalog.runbook(Scenario.REDIS_FAILURE);
            Incident verifying =
                    runner.advance(openIncident("redis"), redisFailure, redisContext(now, HealthState.DOWN, now));
            assertThat(actions.restartedAt(NS, "redis")).isPresent();

            Incident restoring = runner.advance(
                    verifying, redisFailure, redisContext(now.plusSeconds(20), HealthState.UP, now.plusSeconds(20)));

            assertThat(restoring.timeline()).anySatisfy(entry -> {
                assertThat(entry.step()).isEqualTo("verify-restart");
                assertThat(entry.outcome()).isEqualTo(StepOutcome.FAILED);
                assertThat(entry.detail()).contains("its data is gone");
            });
            assertThat(backupRequests).singleElement().satisfies(command -> {
                assertThat(command.action()).isEqualTo(BackupAction.RESTORE);
                assertThat(command.takenBefore()).isEqualTo(restoring.detectedAt());
            });
        }
    }

    @Test
    void aRestoredBackupOlderThanTheOneStampedAtDetectionGivesTheIncidentItsRpo() {
        List<BackupCommand> backupRequests = new ArrayList<>();
        redisDeployment();
        try (RedisServer redis = RedisServer.start()) {
            RunbookRunner runner = runnerSendingBackups(redis, backupRequests);
            Runbook redisFailure = catalog.runbook(Scenario.REDIS_FAILURE);
            Incident detected = openIncident("redis").withRecoveryPoint(Duration.ofMinutes(1), "bk-newest");
            Incident verifying = runner.advance(detected, redisFailure, redisContext(now, HealthState.DOWN, now));
            Incident restoring = runner.advance(
                    verifying, redisFailure, redisContext(now.plusSeconds(20), HealthState.UP, now.plusSeconds(20)));
            String restoreId = backupRequests.get(0).id();
            // latest was an older, verified backup: backup-service restored it, not the newest.
            BackupResult restored = new BackupResult(
                    restoreId,
                    BackupAction.RESTORE,
                    BackupPhase.SUCCEEDED,
                    "bk-verified-older",
                    List.of(),
                    0,
                    0,
                    null,
                    1000,
                    Map.of("redisKeys", 42L),
                    null,
                    null,
                    null,
                    now.plusSeconds(30),
                    null);
            Instant olderTaken = now.minus(Duration.ofHours(3));

            Incident after = runner.advance(
                    restoring,
                    redisFailure,
                    new RunContext(
                            redisContext(now.plusSeconds(30), HealthState.UP, now.plusSeconds(30))
                                    .latestHealth(),
                            List.of(),
                            false,
                            false,
                            false,
                            now.plusSeconds(30),
                            Map.of(restoreId, restored),
                            id -> id.equals("bk-verified-older") ? Optional.of(olderTaken) : Optional.empty()));

            assertThat(after.lastBackupId()).isEqualTo("bk-verified-older");
            assertThat(after.rpo()).isEqualTo(Duration.between(olderTaken, detected.detectedAt()));
        }
    }

    @Test
    void aRedisThatCameBackWithItsSessionsIsResolvedByItsRestart() {
        redisDeployment();
        try (RedisServer redis = RedisServer.start()) {
            redis.command("SET", "session:0123456789abcdef0123456789abcdef", "{}");
            RunbookRunner runner = runner(executor(sessionStore(redis)));
            Runbook redisFailure = catalog.runbook(Scenario.REDIS_FAILURE);
            Incident verifying =
                    runner.advance(openIncident("redis"), redisFailure, redisContext(now, HealthState.DOWN, now));

            Incident resolved = runner.advance(
                    verifying, redisFailure, redisContext(now.plusSeconds(20), HealthState.UP, now.plusSeconds(20)));

            assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
            assertThat(resolved.timeline())
                    .anySatisfy(entry -> assertThat(entry.detail()).contains("sessions present"));
        }
    }

    /** A runner over this session store whose backup-service commands land in {@code sent}. */
    private RunbookRunner runnerSendingBackups(RedisServer redis, List<BackupCommand> sent) {
        return runner(new StepExecutor(
                actions,
                NS,
                Map.of(),
                new StepExecutor.Peers(sessionStore(redis), Optional.empty(), sent::add, notifications::add, hosts),
                Clock.systemUTC()));
    }

    private void redisDeployment() {
        ClusterFixtures.deployment(client, NS, "redis", Map.of("app", "redis"), 1, "redis", "redis:7");
    }

    private Incident openIncident(String component) {
        IncidentBook book =
                new IncidentBook(Clock.fixed(now, ZoneOffset.UTC), new MaintenanceWindows(), new RecoveryPoints());
        return book.onHealth(
                        TargetHealthBuilder.of(component)
                                .probe(ProbeKind.REDIS, "redis://" + component + ":6379")
                                .state(HealthState.DOWN)
                                .previously(HealthState.UP)
                                .at(now)
                                .lastError("connection refused")
                                .build(),
                        true)
                .incident()
                .orElseThrow();
    }

    private static RunContext redisContext(Instant at, HealthState state, Instant observedAt) {
        return new RunContext(
                Map.of(
                        "redis",
                        TargetHealthBuilder.of("redis")
                                .probe(ProbeKind.REDIS, "redis://redis:6379")
                                .state(state)
                                .previously(state)
                                .at(observedAt)
                                .consecutive(1)
                                .build()),
                List.of(),
                false,
                false,
                at);
    }

    private RunbookRunner runner() {
        return runner(executor(Optional.empty()));
    }

    private RunbookRunner runner(StepExecutor executor) {
        return new RunbookRunner(
                executor,
                ActionBudget.defaults(),
                incident -> {
                    published.add(incident);
                    return incident;
                },
                Clock.systemUTC());
    }

    /** The session store a test's own redis-server is, as the coordinator reaches it. */
    private static Optional<SessionRevoker> sessionStore(RedisServer redis) {
        return Optional.of(new SessionRevoker(Redis.createClient(vertx, redis.uri())));
    }

    @Test
    void aFailedStepIsTriedAgainAsOftenAsItsRetriesSayThenItsFailureRuleApplies() {
        Runbook flaky = new Runbook(
                Scenario.SERVICE_FAILURE,
                "a restart of a Deployment that is not there",
                false,
                List.of(new Step(
                        "restart",
                        StepAction.ROLLOUT_RESTART,
                        Map.of("deployment", "mcp-missing"),
                        null,
                        1,
                        null,
                        OnFailure.ESCALATE,
                        false,
                        null)));
        RunbookRunner runner = runner();

        Incident waiting = runner.advance(openGatewayIncident(), flaky, context(now, HealthState.DOWN, now));
        assertThat(last(waiting).outcome()).isEqualTo(StepOutcome.RETRY);
        assertThat(runner.advance(waiting, flaky, context(now.plusSeconds(5), HealthState.DOWN, now)))
                .as("the retry waits")
                .isSameAs(waiting);
        Incident escalated = runner.advance(
                waiting, flaky, context(now.plusSeconds(10), HealthState.DOWN, now, waiting.automatedActions()));

        assertThat(started(escalated, "restart")).isEqualTo(2);
        assertThat(escalated.state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(escalated.timeline())
                .filteredOn(e -> e.outcome() == StepOutcome.RETRY)
                .singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith("attempt 2 of 2"));
    }

    @Test
    void aHostCommandRunsOffTheLoopAndItsResultMovesTheIncidentOn() {
        Runbook vm = new Runbook(
                Scenario.SERVICE_FAILURE,
                "a VM's unit restarted by a host command",
                false,
                List.of(
                        new Step(
                                "restart",
                                StepAction.SHELL,
                                Map.of("command", "sleep 1"),
                                Duration.ofSeconds(30),
                                0,
                                null,
                                OnFailure.ESCALATE,
                                false,
                                null),
                        new Step(
                                "verify-restart",
                                StepAction.VERIFY,
                                Map.of("attempts", "3", "interval", "PT10S"),
                                null,
                                0,
                                OnSuccess.RESOLVE,
                                null,
                                false,
                                null)));
        RunbookRunner runner = runner();

        Incident running = runner.advance(openGatewayIncident(), vm, context(now, HealthState.DOWN, now));

        assertThat(last(running).outcome())
                .as("the runner did not wait for the command")
                .isEqualTo(StepOutcome.REQUESTED);
        Awaitility.await("the command ended")
                .atMost(Duration.ofSeconds(10))
                .until(() ->
                        hosts.result(CommandIds.of(running, vm.steps().get(0))).isPresent());
        Incident verifying = runner.advance(running, vm, context(now.plusSeconds(1), HealthState.DOWN, now));
        assertThat(verifying.state()).isEqualTo(IncidentState.VERIFYING);
        assertThat(verifying.timeline()).anySatisfy(entry -> {
            assertThat(entry.step()).isEqualTo("restart");
            assertThat(entry.outcome()).isEqualTo(StepOutcome.SUCCEEDED);
            assertThat(entry.detail()).isEqualTo("sleep 1 exited 0");
        });
    }

    @Test
    void aHostCommandStartedByAnotherInstanceCountsAsFailedNotRunAgain() {
        Runbook vm = new Runbook(
                Scenario.SERVICE_FAILURE,
                "a VM's unit restarted by a host command",
                false,
                List.of(new Step(
                        "restart",
                        StepAction.SHELL,
                        Map.of("command", "touch /tmp/never-run-twice"),
                        null,
                        0,
                        null,
                        OnFailure.ESCALATE,
                        false,
                        null)));
        Incident startedElsewhere = Incidents.actionStarted(
                openGatewayIncident(),
                new TimelineEntry(now, "restart", StepOutcome.STARTED, "shell {command=...}"),
                true);

        RunbookRunner runner = runner();
        assertThat(runner.advance(startedElsewhere, vm, context(now.plusSeconds(5), HealthState.DOWN, now)))
                .as("it may still run where it was started: wait out its timeout")
                .isSameAs(startedElsewhere);

        Incident taken = runner.advance(
                startedElsewhere,
                vm,
                context(now.plus(vm.steps().get(0).timeout()).plusSeconds(1), HealthState.DOWN, now));

        assertThat(taken.state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(taken.timeline())
                .anySatisfy(entry -> assertThat(entry.detail()).startsWith("outcome unknown"));
        assertThat(hosts.known(CommandIds.of(taken, vm.steps().get(0))))
                .as("not run here")
                .isFalse();
    }

    @Test
    void hostCommandsStillRunningWhenThePartitionsAreTakenAwayAreStoppedAndRecordedAsFailed() {
        hosts.start("inc-gateway-1:restart", List.of("sleep", "30"), Duration.ofMinutes(1));
        Awaitility.await("the command runs")
                .atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.current()
                        .descendants()
                        .anyMatch(process -> process.info().command().orElse("").endsWith("sleep")));

        assertThat(hosts.stopAll("partitions moved")).isOne();

        Awaitility.await("the command is gone")
                .atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.current()
                        .descendants()
                        .noneMatch(
                                process -> process.info().command().orElse("").endsWith("sleep")));
        assertThat(hosts.result("inc-gateway-1:restart")).hasValueSatisfying(result -> {
            assertThat(result.succeeded()).isFalse();
            assertThat(result.detail()).isEqualTo("stopped: partitions moved");
        });
    }

    private StepExecutor executor(Optional<SessionRevoker> sessions) {
        return new StepExecutor(
                actions,
                NS,
                Map.of(),
                new StepExecutor.Peers(sessions, Optional.empty(), command -> {}, notifications::add, hosts),
                Clock.systemUTC());
    }

    private Runbook serviceFailure() {
        return catalog.runbook(Scenario.SERVICE_FAILURE);
    }

    private Incident openGatewayIncident() {
        IncidentBook book =
                new IncidentBook(Clock.fixed(now, ZoneOffset.UTC), new MaintenanceWindows(), new RecoveryPoints());
        return book.onHealth(
                        TargetHealthBuilder.of("gateway")
                                .probe(ProbeKind.HTTP, "http://gateway:8080/health")
                                .state(HealthState.DOWN)
                                .previously(HealthState.UP)
                                .at(now)
                                .lastError("HTTP 503")
                                .build(),
                        true)
                .incident()
                .orElseThrow();
    }

    private RunContext context(Instant at, HealthState gateway, Instant observedAt) {
        return context(at, gateway, observedAt, List.of());
    }

    private RunContext context(Instant at, HealthState gateway, Instant observedAt, List<Instant> actions) {
        return new RunContext(Map.of("gateway", health(gateway, observedAt)), actions, false, false, at);
    }

    private static TargetHealth health(HealthState state, Instant observedAt) {
        return TargetHealthBuilder.of("gateway")
                .probe(ProbeKind.HTTP, "http://gateway:8080/health")
                .state(state)
                .previously(state)
                .at(observedAt)
                .consecutive(1)
                .build();
    }

    private static long started(Incident incident, String step) {
        return incident.timeline().stream()
                .filter(e -> e.step().equals(step) && e.outcome() == StepOutcome.STARTED)
                .count();
    }

    private static TimelineEntry last(Incident incident) {
        return incident.timeline().get(incident.timeline().size() - 1);
    }

    private String image() {
        return client.apps()
                .deployments()
                .inNamespace(NS)
                .withName("mcp-gateway")
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage();
    }
}
