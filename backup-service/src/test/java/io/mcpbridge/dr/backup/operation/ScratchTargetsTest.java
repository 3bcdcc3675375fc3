package io.mcpbridge.dr.backup.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.mcpbridge.dr.backup.archive.Progress;
import io.mcpbridge.dr.backup.redis.RedisEndpoint;
import io.mcpbridge.dr.backup.redis.RedisSession;
import io.mcpbridge.dr.backup.store.DirectoryObjectStore;
import io.mcpbridge.dr.backup.support.Contexts;
import io.mcpbridge.dr.backup.support.RedisData;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.backup.RestoreTargets;
import io.mcpbridge.dr.testing.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a full DR drill does with its scratch places, against real redis-servers and the Kubernetes mock API:
 * a backup restored into them, CHECK finding them as the backup holds them (and naming what differs when they do
 * not, without judging the backup), and DISCARD emptying them, touching nothing but what was restored there and
 * refusing any target not configured as disposable.
 */
@EnableKubernetesMockClient(crud = true)
class ScratchTargetsTest {

    private static final int SESSIONS = 5_000;
    private static final String DRILL_NAMESPACE = "mcp-dr-test";

    static KubernetesClient client;
    private static Vertx vertx;

    @TempDir
    Path dir;

    private RedisServer production;
    private RedisServer scratch;
    private RedisServer standby;
    private RedisSession productionSession;
    private RedisSession scratchSession;
    private RedisSession standbySession;
    private BackupContext context;
    private RestoreTargets targets;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close();
    }

    @BeforeEach
    void startPeers() throws IOException {
        production = RedisServer.start();
        scratch = RedisServer.start();
        standby = RedisServer.start();
        productionSession = RedisSession.open(vertx, endpoint(production), Duration.ofSeconds(30));
        scratchSession = RedisSession.open(vertx, endpoint(scratch), Duration.ofSeconds(30));
        standbySession = RedisSession.open(vertx, endpoint(standby), Duration.ofSeconds(30));
        RedisData.loadSessions(productionSession, SESSIONS, 5);
        RedisData.loadSessions(standbySession, 10, 6);
        Files.createDirectories(dir.resolve("configs/routes"));
        Files.writeString(dir.resolve("configs/gateway.yaml"), "listen: 8443\n");
        Files.writeString(dir.resolve("configs/routes/tools.yaml"), "- /tools\n");
        Files.createDirectories(dir.resolve("certs"));
        bridgeResources();
        Path scratchBase = dir.resolve("scratch");
        Files.createDirectories(scratchBase);
        Sources sources =
                Contexts.sources(dir.resolve("configs"), dir.resolve("certs"), production.uri(), "mcp-system");
        BackupContext base = Contexts.context(
                new DirectoryObjectStore(dir.resolve("store")),
                Contexts.randomKey(),
                Clock.systemUTC(),
                vertx,
                () -> client,
                sources);
        context = base.withDestinations(base.destinations()
                .withRedis("scratch", endpoint(scratch))
                .withRedis("standby", endpoint(standby))
                .withNamespaces(List.of("mcp-system-dr", DRILL_NAMESPACE))
                .withDirectories(List.of(scratchBase))
                .withDisposable(new RestoreDestinations.Disposable(
                        Set.of("scratch"), Set.of(DRILL_NAMESPACE), Set.of(scratchBase))));
        targets = new RestoreTargets("scratch", DRILL_NAMESPACE, scratchBase.toString());
    }

    @AfterEach
    void stopPeers() {
        for (RedisSession each : List.of(productionSession, scratchSession, standbySession)) {
            each.close();
        }
        for (RedisServer each : List.of(production, scratch, standby)) {
            each.close();
        }
    }

    @Test
    void aBackupRestoredIntoScratchPlacesChecksOutAndIsDiscardedLeavingProductionAlone() throws Exception {
        Outcome backup = backup();
        restore(backup.backupId());

        Outcome check = new RestoreCheck(context).check(backup.backupId(), List.of(), targets, new Progress());

        assertThat(check.counts())
                .containsEntry("configs", 2L)
                .containsEntry("kubernetesResources", 2L)
                .containsEntry("redisKeys", (long) SESSIONS);
        assertThat(check.counts().get("valuesCompared")).isPositive();
        assertThat(client.apps()
                        .deployments()
                        .inNamespace(DRILL_NAMESPACE)
                        .withName("mcp-gateway")
                        .get()
                        .getMetadata()
                        .getLabels())
                .containsEntry(RestoreTargets.RESTORED_FROM, backup.backupId());

        Outcome discard = new TargetDiscard(context).discard(targets);

        assertThat(discard.counts())
                .containsEntry("redisKeys", (long) SESSIONS)
                .containsEntry("files", 2L)
                .containsEntry("kubernetesResources", 2L);
        assertThat(dbSize(scratchSession)).isZero();
        assertThat(dir.resolve("scratch/configs")).doesNotExist();
        assertThat(client.apps()
                        .deployments()
                        .inNamespace(DRILL_NAMESPACE)
                        .list()
                        .getItems())
                .isEmpty();
        assertThat(client.configMaps().inNamespace(DRILL_NAMESPACE).list().getItems())
                .isEmpty();
        assertThat(client.rbac()
                        .roleBindings()
                        .inNamespace(DRILL_NAMESPACE)
                        .withName("mcp-dr-backup-service")
                        .get())
                .as("not restored there, so not discarded: the service's own binding")
                .isNotNull();
        // Production as it was.
        assertThat(dbSize(productionSession)).isEqualTo(SESSIONS);
        assertThat(dir.resolve("configs/gateway.yaml")).hasContent("listen: 8443");
        assertThat(client.apps()
                        .deployments()
                        .inNamespace("mcp-system")
                        .withName("mcp-gateway")
                        .get())
                .isNotNull();
    }

    @Test
    void aCheckNamesWhatDiffersAndLeavesTheBackupsVerdictAlone() throws Exception {
        Outcome backup = backup();
        restore(backup.backupId());
        Files.writeString(dir.resolve("scratch/configs/gateway.yaml"), "listen: 9999\n");
        Files.delete(dir.resolve("scratch/configs/routes/tools.yaml"));
        scratchSession.call(Request.cmd(Command.SET).arg("session:left-over").arg("{}"));
        client.apps()
                .deployments()
                .inNamespace(DRILL_NAMESPACE)
                .withName("mcp-gateway")
                .delete();

        assertThatThrownBy(() -> new RestoreCheck(context).check(backup.backupId(), List.of(), targets, new Progress()))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("configs/gateway.yaml differs")
                .hasMessageContaining("configs/routes/tools.yaml is missing")
                .hasMessageContaining("Deployment mcp-gateway is missing from " + DRILL_NAMESPACE)
                .hasMessageContaining("the Redis holds " + (SESSIONS + 1) + " keys, the backup " + SESSIONS);
        BackupIndex index = context.catalog().resolve(backup.backupId(), List.of());
        assertThat(index.verified()).as("the targets differ, not the backup").isNull();
    }

    @Test
    void onlyDisposableTargetsAreDiscarded() {
        for (RestoreTargets notDisposable : List.of(
                new RestoreTargets("standby", null, null),
                new RestoreTargets(null, "mcp-system-dr", null),
                new RestoreTargets("scratch", "mcp-system", null),
                RestoreTargets.ORIGINAL)) {
            assertThatThrownBy(() -> new TargetDiscard(context).discard(notDisposable))
                    .as(notDisposable.toString())
                    .isInstanceOf(OperationFailedException.class);
        }
        assertThat(dbSize(standbySession)).isEqualTo(10);
        assertThat(dbSize(productionSession)).isEqualTo(SESSIONS);
        assertThat(client.apps()
                        .deployments()
                        .inNamespace("mcp-system")
                        .withName("mcp-gateway")
                        .get())
                .isNotNull();
    }

    private Outcome backup() throws IOException {
        return new BackupTaker(context)
                .take(
                        new BackupRequest(
                                List.of(BackupScope.CONFIGS, BackupScope.REDIS, BackupScope.KUBERNETES),
                                context.sources(),
                                BackupIndex.Purpose.MANUAL,
                                false,
                                "drill",
                                "test"),
                        new Progress());
    }

    private void restore(String backupId) throws IOException {
        new BackupRestore(context)
                .restore(
                        backupId,
                        List.of(BackupScope.CONFIGS, BackupScope.REDIS, BackupScope.KUBERNETES),
                        targets,
                        "drill",
                        "test",
                        new Progress());
    }

    private static void bridgeResources() {
        for (String namespace : List.of("mcp-system", DRILL_NAMESPACE)) {
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(namespace)
                            .endMetadata()
                            .build())
                    .createOr(existing -> existing.update());
        }
        client.configMaps()
                .inNamespace("mcp-system")
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("mcp-config")
                        .endMetadata()
                        .withData(Map.of("gateway.yaml", "listen: 8443\n"))
                        .build())
                .createOr(existing -> existing.update());
        client.apps()
                .deployments()
                .inNamespace("mcp-system")
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName("mcp-gateway")
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(2)
                        .endSpec()
                        .build())
                .createOr(existing -> existing.update());
        // As the manifests bind it in the drill namespace: there before any restore.
        client.rbac()
                .roleBindings()
                .inNamespace(DRILL_NAMESPACE)
                .resource(new RoleBindingBuilder()
                        .withNewMetadata()
                        .withName("mcp-dr-backup-service")
                        .endMetadata()
                        .withNewRoleRef()
                        .withKind("ClusterRole")
                        .withName("mcp-dr-backup-service")
                        .endRoleRef()
                        .build())
                .createOr(existing -> existing.update());
    }

    private static long dbSize(RedisSession session) {
        try {
            return session.call(Request.cmd(Command.DBSIZE)).toLong();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RedisEndpoint endpoint(RedisServer server) {
        return RedisEndpoint.parse(server.uri(), Optional.empty(), "test redis");
    }
}
