package io.mcpbridge.dr.coordinator.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.mcpbridge.dr.coordinator.action.HostCommands;
import io.mcpbridge.dr.coordinator.action.KubernetesActions;
import io.mcpbridge.dr.coordinator.action.StandbyPromoter;
import io.mcpbridge.dr.coordinator.incident.IncidentBook;
import io.mcpbridge.dr.coordinator.incident.RecoveryPoints;
import io.mcpbridge.dr.coordinator.runbook.Runbook;
import io.mcpbridge.dr.coordinator.runbook.RunbookCatalog;
import io.mcpbridge.dr.coordinator.runbook.Scenario;
import io.mcpbridge.dr.coordinator.safety.ActionBudget;
import io.mcpbridge.dr.coordinator.safety.MaintenanceWindows;
import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.events.health.ProbeKind;
import io.mcpbridge.dr.events.health.TargetHealth;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.incident.StepOutcome;
import io.mcpbridge.dr.testing.ClusterFixtures;
import io.mcpbridge.dr.testing.RedisServer;
import io.mcpbridge.dr.testing.TargetHealthBuilder;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The redis-failure runbook's first branch, "fail over to the replica if one is configured": with a standby
 * configured, a real replica redis-server is promoted and the Service is pointed at the standby's pods,
 * and nothing is restarted; without one, the fail-over steps are skipped and the restart runs.
 */
@EnableKubernetesMockClient(crud = true)
class FailOverTest {

    private static final String NS = "mcp-system";

    static KubernetesClient client;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final Vertx vertx = Vertx.vertx();
    private Runbook redisFailure;
    private KubernetesActions actions;

    @BeforeEach
    void setUp() throws Exception {
        redisFailure = RunbookCatalog.load(Optional.empty()).runbook(Scenario.REDIS_FAILURE);
        actions = new KubernetesActions(client);
        client.apps().deployments().inNamespace(NS).delete();
        client.services().inNamespace(NS).delete();
        deployment("redis", Map.of("app", "redis", "role", "primary"));
        deployment("redis-standby", Map.of("app", "redis", "role", "standby"));
        client.services()
                .inNamespace(NS)
                .resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName("redis")
                        .endMetadata()
                        .withNewSpec()
                        .withSelector(Map.of("app", "redis", "role", "primary"))
                        .addNewPort()
                        .withPort(6379)
                        .endPort()
                        .endSpec()
                        .build())
                .create();
    }

    @AfterEach
    void tearDown() {
        vertx.close();
    }

    @Test
    void withAStandbyTheReplicaIsPromotedAndTheServiceMovedWithoutARestart() {
        try (RedisServer primary = RedisServer.start();
                RedisServer replica = RedisServer.start()) {
            replica.command("REPLICAOF", "127.0.0.1", String.valueOf(primary.port()));
            Awaitility.await("replica in sync")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> replica.command("INFO", "replication").contains("master_link_status:up"));
            primary.close(); // the failure

            RunbookRunner runner = runner(Map.of("standby-redis", "redis-standby", "standby-url-redis", replica.uri()));
            Incident verifying = runner.advance(redisIncident(), redisFailure, context(HealthState.DOWN, now));

            assertThat(verifying.state()).isEqualTo(IncidentState.VERIFYING);
            assertThat(replica.command("ROLE")).startsWith("*3\r\n$6\r\nmaster");
            assertThat(client.services()
                            .inNamespace(NS)
                            .withName("redis")
                            .get()
                            .getSpec()
                            .getSelector())
                    .containsEntry("role", "standby");
            assertThat(actions.restartedAt(NS, "redis")).isEmpty();

            Incident resolved = runner.advance(verifying, redisFailure, context(HealthState.UP, now.plusSeconds(10)));
            assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
            assertThat(resolved.timeline()).anySatisfy(entry -> {
                assertThat(entry.step()).isEqualTo("fail-over");
                assertThat(entry.outcome()).isEqualTo(StepOutcome.SUCCEEDED);
                assertThat(entry.detail()).contains("promoted").contains("redis-standby");
            });
        }
    }

    @Test
    void withoutAStandbyTheFailOverIsSkippedAndRedisIsRestarted() {
        Incident verifying = runner(Map.of()).advance(redisIncident(), redisFailure, context(HealthState.DOWN, now));

        assertThat(verifying.timeline())
                .anySatisfy(entry -> {
                    assertThat(entry.step()).isEqualTo("fail-over");
                    assertThat(entry.outcome()).isEqualTo(StepOutcome.SKIPPED);
                })
                .noneSatisfy(entry -> assertThat(entry.outcome()).isEqualTo(StepOutcome.FAILED));
        assertThat(actions.restartedAt(NS, "redis")).isPresent();
        assertThat(client.services()
                        .inNamespace(NS)
                        .withName("redis")
                        .get()
                        .getSpec()
                        .getSelector())
                .containsEntry("role", "primary");
    }

    private RunbookRunner runner(Map<String, String> variables) {
        StepExecutor executor = new StepExecutor(
                actions,
                NS,
                variables,
                new StepExecutor.Peers(
                        Optional.empty(),
                        Optional.of(new StandbyPromoter(vertx, Optional.empty())),
                        command -> {},
                        request -> {},
                        new HostCommands()),
                Clock.systemUTC());
        return new RunbookRunner(executor, ActionBudget.defaults(), incident -> incident, Clock.systemUTC());
    }

    private Incident redisIncident() {
        IncidentBook book =
                new IncidentBook(Clock.fixed(now, ZoneOffset.UTC), new MaintenanceWindows(), new RecoveryPoints());
        return book.onHealth(health(HealthState.DOWN, now), true).incident().orElseThrow();
    }

    private static RunContext context(HealthState redis, Instant at) {
        return new RunContext(Map.of("redis", health(redis, at)), List.of(), false, false, at);
    }

    private static TargetHealth health(HealthState state, Instant at) {
        return TargetHealthBuilder.of("redis")
                .probe(ProbeKind.REDIS, "redis://redis:6379")
                .state(state)
                .previously(state == HealthState.DOWN ? HealthState.UP : HealthState.DOWN)
                .at(at)
                .build();
    }

    private void deployment(String name, Map<String, String> labels) {
        ClusterFixtures.deployment(client, NS, name, labels, 1, "redis", "redis:7");
    }
}
