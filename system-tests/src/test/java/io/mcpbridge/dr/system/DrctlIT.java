package io.mcpbridge.dr.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.drill.DrillResult;
import io.mcpbridge.dr.events.drill.DrillType;
import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.json.EventJson;
import io.mcpbridge.dr.system.support.Drctl;
import io.mcpbridge.dr.system.support.RecoverySystem;
import io.mcpbridge.dr.testing.HealthSignals;
import io.mcpbridge.dr.testing.TestSigners;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * drctl as an engineer uses it, run as its packaged jar against the running backup-service and coordinator over
 * the real broker: commands signed with the engineer's key, answered by the service that handled them, followed
 * to their end; the state read back as tables and as JSON.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DrctlIT {

    private static final Pattern INCIDENT = Pattern.compile("incident (inc-[a-z0-9-]+-[0-9TZ]+)");
    private static final int SESSIONS = 60_000;

    private static RecoverySystem system;
    private static Drctl alice;
    private static ScheduledExecutorService probes;
    private static String backupId;

    @BeforeAll
    static void start() throws Exception {
        system = RecoverySystem.start();
        alice = Drctl.as(TestSigners.ENGINEER, system.broker.bootstrapServers());
        // health-monitor's part: the components are up, as its snapshots say every second here.
        probes = Executors.newSingleThreadScheduledExecutor();
        probes.scheduleAtFixedRate(
                () -> {
                    for (String component : List.of("gateway", "router", "redis")) {
                        system.events.publish(
                                HealthSignals.health(component, HealthState.UP, HealthState.UP, false, Instant.now()));
                    }
                },
                0,
                1,
                TimeUnit.SECONDS);
        system.sessions.command(
                "EVAL",
                "for i=1," + SESSIONS + " do redis.call('SET','session:'..i,"
                        + "'{\"user\":\"user'..i..'\",\"scopes\":[\"tools\",\"resources\"]}','EX',86400) end",
                "0");
    }

    @AfterAll
    static void stop() {
        if (probes != null) {
            probes.shutdownNow();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void recoverRestartsTheGatewayAndFollowPrintsTheIncidentToResolved() {
        Drctl.Run recover = alice.run("recover", "gateway", "--yes", "--reason", "gateway answers slowly");

        assertThat(recover.exitCode()).as(recover.all()).isZero();
        assertThat(recover.out()).as(recover.all()).contains("accepted by recovery-coordinator");
        Matcher incident = INCIDENT.matcher(recover.out());
        assertThat(incident.find()).as(recover.all()).isTrue();
        String id = incident.group(1);
        Awaitility.await("the gateway restarted at the Kubernetes API")
                .atMost(Duration.ofSeconds(60))
                .until(() -> restartedAt("mcp-gateway") != null);

        Drctl.Run follow = alice.run("follow", id, "--timeout", "3m");

        assertThat(follow.exitCode()).as(follow.all()).isZero();
        assertThat(follow.out()).as(follow.all()).contains("restart", "verify-restart", "RESOLVED");

        Drctl.Run shown = alice.run("incident", id, "-o", "json");
        assertThat(shown.exitCode()).as(shown.all()).isZero();
        Incident read = EventJson.fromBytes(shown.out().getBytes(), Incident.class);
        assertThat(read.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(read.timeline())
                .anySatisfy(entry -> assertThat(entry.detail()).contains("alice"));

        Drctl.Run incidents = alice.run("incidents", "--all", "-o", "json");
        assertThat(incidents.exitCode()).as(incidents.all()).isZero();
        JsonNode listed = json(incidents.out());
        assertThat(listed.findValuesAsText("id")).contains(id);

        Drctl.Run postmortem = alice.run("postmortem", id);
        assertThat(postmortem.exitCode()).as(postmortem.all()).isZero();
        assertThat(postmortem.out()).contains(id);
        assertThat(postmortem.err()).as("where people find it").contains("postmortems/" + id + ".md");
    }

    @Test
    @Order(2)
    void backupNowShowsProgressAndEndsWithTheBackupId() {
        Drctl.Run backup = alice.run("backup", "now", "--scopes", "redis", "--timeout", "60s");

        assertThat(backup.exitCode()).as(backup.all()).isZero();
        assertThat(backup.err()).as("progress lines, plain without a terminal").contains("backing up", "entries");
        String[] words = backup.out().strip().split("\\s+");
        backupId = words[words.length - 1];
        assertThat(backupId).as(backup.all()).matches("\\d{8}T\\d{6}Z-[0-9a-f]{6}");

        Drctl.Run list = alice.run("backup", "list", "-o", "json");
        assertThat(list.exitCode()).as(list.all()).isZero();
        List<BackupIndex> backups = Arrays.asList(EventJson.fromBytes(list.out().getBytes(), BackupIndex[].class));
        assertThat(backups).anySatisfy(index -> {
            assertThat(index.id()).isEqualTo(backupId);
            assertThat(index.counts()).containsEntry("redisKeys", (long) SESSIONS);
        });

        Drctl.Run verify = alice.run("backup", "verify", backupId, "--timeout", "60s");
        assertThat(verify.exitCode()).as(verify.all()).isZero();
        assertThat(verify.out()).contains("verified");

        Drctl.Run prune = alice.run("backup", "prune", "--dry-run", "-o", "json");
        assertThat(prune.exitCode()).as(prune.all()).isZero();
        JsonNode answer = json(prune.out());
        assertThat(answer.path("outcome").path("verdict").asText()).isEqualTo("ACCEPTED");
        BackupResult checked =
                EventJson.fromBytes(answer.get("result").toString().getBytes(), BackupResult.class);
        assertThat(checked.counts()).containsEntry("deleted", 0L);
        assertThat(checked.backupIds()).as("nothing is old enough to go").isEmpty();
    }

    @Test
    @Order(7)
    void aBackupVerificationDrillVerifiesTheNewestSessionBackupAndMeasuresItsAge() {
        Drctl.Run run = alice.run("drill", "run", "backup-verification", "--wait", "3m");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).as(run.all()).contains("passed", "verify ", "RPO");

        Drctl.Run list = alice.run("drill", "list", "-o", "json");
        assertThat(list.exitCode()).as(list.all()).isZero();
        List<DrillResult> drills = Arrays.asList(EventJson.fromBytes(list.out().getBytes(), DrillResult[].class));
        DrillResult drill = drills.get(0);
        assertThat(drill.type()).isEqualTo(DrillType.BACKUP_VERIFICATION);
        assertThat(drill.passed()).as(drill.reason()).isTrue();
        assertThat(drill.requestedBy()).isEqualTo(TestSigners.ENGINEER);
        assertThat(drill.steps()).singleElement().satisfies(step -> {
            assertThat(step.passed()).isTrue();
            assertThat(step.name()).contains("(redis)");
        });
        assertThat(drill.rpoMillis()).as("the newest session backup's age").isPositive();
        assertThat(drill.rpoTargetMillis())
                .as("backup-service's maximum age for sessions, from its policy: 12 h with no schedule")
                .isEqualTo(Duration.ofHours(12).toMillis());

        Drctl.Run show = alice.run("drill", "show", drill.id());
        assertThat(show.exitCode()).as(show.all()).isZero();
        assertThat(show.out()).contains(drill.id(), "backup-verification", "passed", "target 12h00m");
        Awaitility.await("the coordinator's drill gauge")
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> system.coordinator()
                                .get("/q/metrics")
                                .matches(
                                        "(?s).*mcpdr_drill_last_success_timestamp_seconds\\{type=\"backup-verification\"[^}]*} 1\\.[0-9]+E9.*"));
    }

    @Test
    @Order(8)
    void theDrillReportHasTheDrillAndTheIncidentWithTheirTargetsAndDrawsThem() throws Exception {
        Path chart = Files.createTempFile("recovery-", ".svg");

        Drctl.Run report = alice.run("drill", "report", "--since", "1d", "-o", "json", "--svg", chart.toString());

        assertThat(report.exitCode()).as(report.all()).isZero();
        JsonNode json = new ObjectMapper().readTree(report.out());
        assertThat(json.path("records").findValuesAsText("kind")).contains("drill", "incident");
        JsonNode incident = StreamSupport.stream(json.path("records").spliterator(), false)
                .filter(record -> record.path("kind").asText().equals("incident"))
                .filter(record -> record.path("subject").asText().equals("gateway"))
                .findFirst()
                .orElseThrow();
        assertThat(incident.path("outcome").asText()).isEqualTo("resolved");
        assertThat(incident.path("rto").asText()).as("measured").startsWith("PT");
        assertThat(incident.path("rtoTarget").asText())
                .as("the plan's, by severity")
                .startsWith("PT");
        assertThat(json.path("summary").findValuesAsText("subject")).contains("backup-verification", "gateway");
        String svg = Files.readString(chart);
        assertThat(svg).startsWith("<svg").contains("RTO against target", "RPO against target", "incident gateway");
        assertThat(report.err()).contains("chart written to " + chart);
    }

    @Test
    @Order(6)
    void aCommandTheCoordinatorBelievesButCannotCarryOutExits2WithWhy() {
        Drctl.Run ack = alice.run("ack", "router", "--reason", "seen it");

        assertThat(ack.exitCode()).as(ack.all()).isEqualTo(2);
        assertThat(ack.err()).contains("not run by recovery-coordinator", "no incident on router");

        Drctl.Run window = alice.run("maintenance", "on", "router", "--for", "1h", "--reason", "router upgrade");
        assertThat(window.exitCode()).as(window.all()).isZero();
        assertThat(window.out()).contains("accepted by recovery-coordinator", "maintenance window on router");
        assertThat(alice.run("maintenance", "off", "router").exitCode()).isZero();
    }

    @Test
    @Order(3)
    void backupRestoreBringsAFlushedSessionStoreBack() {
        system.sessions.command("FLUSHALL");
        assertThat(system.sessions.command("DBSIZE")).isEqualTo(":0");

        Drctl.Run restore = alice.run(
                "backup", "restore", backupId, "--scopes", "redis", "--yes", "--reason", "flushed by mistake");

        assertThat(restore.exitCode()).as(restore.all()).isZero();
        assertThat(system.sessions.command("DBSIZE")).isEqualTo(":" + SESSIONS);
        assertThat(system.sessions.command("GET", "session:42")).contains("user42");
    }

    @Test
    @Order(4)
    void statusAsJsonHasHealthIncidentsAndTheNewestVerifiedBackupPerScope() {
        Drctl.Run status = alice.run("status", "-o", "json");

        assertThat(status.exitCode()).as(status.all()).isZero();
        JsonNode read = json(status.out());
        assertThat(read.get("health").findValuesAsText("component")).contains("gateway", "router", "redis");
        assertThat(read.get("incidents").isArray()).isTrue();
        JsonNode redis = null;
        for (JsonNode scope : read.get("backups")) {
            if (scope.get("scope").asText().equals("redis")) {
                redis = scope;
            }
        }
        assertThat(redis).as(status.out()).isNotNull();
        assertThat(redis.get("backupId").asText()).isEqualTo(backupId);
        assertThat(redis.get("withinMaxAge").asBoolean()).isTrue();

        Drctl.Run table = alice.run("status");
        assertThat(table.exitCode()).as(table.all()).isZero();
        assertThat(table.out()).contains("HEALTH", "OPEN INCIDENTS", "BACKUPS", backupId);
    }

    @Test
    @Order(5)
    void aCommandSignedWithAnUntrustedKeyExits2WithTheCoordinatorsReason() {
        Drctl mallory = Drctl.as(TestSigners.STRANGER, system.broker.bootstrapServers());

        Drctl.Run recover = mallory.run("recover", "router", "--yes", "--reason", "trust me");

        assertThat(recover.exitCode()).as(recover.all()).isEqualTo(2);
        assertThat(recover.err()).as(recover.all()).contains("refused by recovery-coordinator", "mallory");
        assertThat(restartedAt("mcp-router")).as("nothing restarted").isNull();

        Drctl.Run refused = alice.run("dlq", "--since", "10m", "-o", "json");
        assertThat(refused.exitCode()).as(refused.all()).isZero();
        assertThat(json(refused.out()))
                .as("the refused command on the dead letter topic, with its signer and why")
                .anySatisfy(letter -> {
                    assertThat(letter.path("signer").asText()).isEqualTo(TestSigners.STRANGER);
                    assertThat(letter.path("topic").asText()).isEqualTo("mcp-dr.commands.recovery");
                    assertThat(letter.path("reason").asText()).contains("not trusted");
                });
    }

    private static String restartedAt(String deployment) {
        java.util.Map<String, String> annotations = system.client
                .apps()
                .deployments()
                .inNamespace(RecoverySystem.NAMESPACE)
                .withName(deployment)
                .get()
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations();
        return annotations == null ? null : annotations.get("kubectl.kubernetes.io/restartedAt");
    }

    private static JsonNode json(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
