package io.mcpbridge.dr.system.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupPhase;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.incident.StepOutcome;
import io.mcpbridge.dr.events.json.EventJson;
import io.mcpbridge.dr.events.trust.Ed25519Keys;
import io.mcpbridge.dr.events.trust.RecordSigner;
import io.mcpbridge.dr.system.deploy.MetricQueries;
import io.mcpbridge.dr.system.deploy.ProjectFiles;
import io.mcpbridge.dr.testing.BackupCommands;
import io.mcpbridge.dr.testing.TestEvents;
import io.mcpbridge.dr.testing.TopicRecorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 * {@code docker-compose.yml}, the file users run, brought up from the images this build made: every service
 * becomes ready, a broken gateway is restarted by the coordinator and its incident resolved, and a backup goes
 * to the S3 container and is verified there, and every metric the alert rules and the dashboard read is exposed
 * by a running service. Runs with the profile {@code containers} (a Docker engine).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeIT {

    private static final String KAFKA = "127.0.0.1:29092";
    private static final Map<String, Integer> SERVICES =
            Map.of("health-monitor", 8081, "notifier", 8082, "backup-service", 8083, "recovery-coordinator", 8084);
    private static final String SIMULATOR = "http://127.0.0.1:18099/sim";
    private static final Duration STARTUP = Duration.ofMinutes(4);
    private static final Duration RECOVERY = Duration.ofMinutes(3);

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static ComposeProject compose;

    @BeforeAll
    static void up() {
        compose = ComposeProject.up(
                "mcpdr-compose-it", Path.of(System.getProperty("compose.logs", "target/compose-logs")));
        SERVICES.forEach((service, port) -> Awaitility.await(service + " ready in its container")
                .atMost(STARTUP)
                .pollInterval(Duration.ofSeconds(2))
                .ignoreExceptions()
                .until(() -> get("http://127.0.0.1:" + port + "/q/health/ready").statusCode() == 200));
    }

    @AfterAll
    static void down() {
        if (compose != null) {
            compose.close();
        }
    }

    /**
     * After the recovery above: the alert says the gateway is unhealthy while the probes see it healthy, so
     * its incident goes to people (by design), which would hold any later automatic recovery of the gateway.
     */
    @Test
    @Order(3)
    void alertmanagersWebhookIsAcceptedWithTheTokenMadeAtFirstStart() throws Exception {
        String token = compose.read("health-monitor", "/var/lib/mcp-dr/site/secrets/webhook-token")
                .strip();
        HttpResponse<String> accepted = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:8081/api/v1/alertmanager"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofFile(ProjectFiles.ROOT.resolve(
                                "health-monitor/src/test/resources/alertmanager/firing.json")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    }

    @Test
    @Order(1)
    void aBrokenGatewayIsRestartedAndItsIncidentResolved() throws Exception {
        try (TopicRecorder incidents = TopicRecorder.fromNow(KAFKA, Topics.INCIDENTS)) {
            post(SIMULATOR + "/gateway/unhealthy");

            Incident resolved = incidents
                    .awaitPayloads(
                            EventType.INCIDENT_UPDATED,
                            Incident.class,
                            i -> i.component().equals("gateway") && i.state() == IncidentState.RESOLVED,
                            1,
                            RECOVERY)
                    .get(0);

            assertThat(resolved.timeline()).as(resolved.timeline().toString()).anySatisfy(entry -> {
                assertThat(entry.step()).isEqualTo("restart");
                assertThat(entry.outcome()).isEqualTo(StepOutcome.SUCCEEDED);
            });
            assertThat(new ObjectMapper()
                            .readTree(get(SIMULATOR).body())
                            .path("gateway")
                            .path("restarts")
                            .asInt())
                    .as("the coordinator's host command reached the simulator's control API")
                    .isPositive();
        }
    }

    @Test
    @Order(2)
    void aBackupGoesToTheS3ContainerAndIsVerifiedThere() {
        RecordSigner engineer = new RecordSigner(
                "local-engineer",
                Ed25519Keys.parsePrivate(
                        compose.read("backup-service", "/var/lib/mcp-dr/site/secrets/keys/local-engineer.pem")));
        try (TopicRecorder results = TopicRecorder.fromNow(KAFKA, Topics.BACKUP_RESULTS);
                TestEvents events = new TestEvents(KAFKA)) {
            BackupResult backup = run(events, results, engineer, BackupCommands.of(BackupAction.BACKUP, null));
            assertThat(backup.backupId()).isNotBlank();

            BackupResult verified =
                    run(events, results, engineer, BackupCommands.of(BackupAction.VERIFY, backup.backupId()));
            assertThat(verified.backupId()).isEqualTo(backup.backupId());

            assertThat(compose.run(Duration.ofSeconds(30), "exec", "-T", "s3", "ls", "-R", "/data/mcp-backups"))
                    .as("the archive is in the S3 server's bucket")
                    .contains(backup.backupId());
        }
    }

    /**
     * The drctl image, as compose's {@code drctl} service runs it (the local engineer's key from the setup):
     * it takes a backup, signed, and finds it in the catalog and in the status it reads from Kafka.
     */
    /**
     * Each service's JVM maps the AppCDS archive its image made with its own JRE: a JVM that cannot use an
     * archive (another JVM's, or another class path's) says so in one warning and starts without it. And each
     * runs with the collector and compilers its image's build arguments chose.
     */
    @Test
    @Order(4)
    void everyServiceRunsWithTheClassArchiveItsImageMade() {
        SERVICES.keySet()
                .forEach(service -> assertThat(compose.read(service, "/proc/1/maps"))
                        .as(service + "'s JVM (PID 1 of its container) maps its AppCDS archive")
                        .contains("/opt/mcp-dr/app-cds.jsa"));
        // The collector and compilers each service's build arguments chose (devstack's ServiceJvm, the same).
        Map<String, List<String>> tuning = Map.of(
                "health-monitor", List.of("-XX:+UseParallelGC"),
                "notifier", List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                "backup-service", List.of("-XX:+UseSerialGC"),
                "recovery-coordinator", List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        tuning.forEach((service, options) -> {
            String commandLine = compose.read(service, "/proc/1/cmdline").replace('\0', ' ');
            assertThat(commandLine).as(service + "'s JVM command line").contains(options);
            if (!options.contains("-XX:TieredStopAtLevel=1")) {
                assertThat(commandLine).as(service + " keeps both compilers").doesNotContain("TieredStopAtLevel");
            }
        });
    }

    @Test
    @Order(5)
    void drctlsImageTakesABackupAndReadsItBackFromTheCatalog() throws Exception {
        String backup = compose.run(Duration.ofMinutes(2), "run", "--rm", "--no-deps", "-T", "drctl", "backup", "now");
        Matcher id = Pattern.compile("(\\d{8}T\\d{6}Z-[0-9a-f]{6})\\s*$").matcher(backup.strip());
        assertThat(id.find()).as(backup).isTrue();

        String listed = compose.run(
                Duration.ofMinutes(1), "run", "--rm", "--no-deps", "-T", "drctl", "backup", "list", "-o", "json");
        List<BackupIndex> backups =
                List.of(EventJson.fromBytes(jsonOf(listed).getBytes(StandardCharsets.UTF_8), BackupIndex[].class));
        assertThat(backups).extracting(BackupIndex::id).contains(id.group(1));

        String status = compose.run(Duration.ofMinutes(1), "run", "--rm", "--no-deps", "-T", "drctl", "status");
        assertThat(status).contains("HEALTH", "gateway", "BACKUPS");
    }

    /** Compose may print its own lines (creating a container) before the command's output: the JSON from its start. */
    private static String jsonOf(String output) {
        return output.substring(output.indexOf('['));
    }

    /**
     * Every metric the alert rules and the dashboard read is exposed by a running service (after the steps
     * above, so that series which appear only once something happened have had their chance).
     */
    @Test
    @Order(6)
    void everyMetricTheRulesAndTheDashboardReadIsExposedByAService() throws Exception {
        Set<String> exposed = new TreeSet<>();
        for (int port : SERVICES.values()) {
            get("http://127.0.0.1:" + port + "/q/metrics")
                    .body()
                    .lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("[{ ]", 2)[0])
                    .forEach(exposed::add);
        }
        Set<String> read = new TreeSet<>(MetricQueries.allMetricNames());
        read.removeAll(MetricQueries.NOT_OURS);
        assertThat(exposed).as("metrics the services expose").containsAll(read);
    }

    private static BackupResult run(
            TestEvents events, TopicRecorder results, RecordSigner signer, BackupCommand command) {
        events.publishSignedBy(
                signer,
                new EventEnvelope(
                        command.id(),
                        EventType.BACKUP_REQUESTED,
                        "/compose-test",
                        command.kafkaKey(),
                        command.requestedAt(),
                        command));
        BackupResult result = BackupCommands.terminalResult(results, command.id(), RECOVERY);
        assertThat(result.phase()).as(result.reason()).isEqualTo(BackupPhase.SUCCEEDED);
        return result;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void post(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isLessThan(300);
    }
}
