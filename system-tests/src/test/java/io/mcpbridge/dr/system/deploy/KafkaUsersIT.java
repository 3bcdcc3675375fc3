package io.mcpbridge.dr.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.events.health.TargetHealth;
import io.mcpbridge.dr.system.support.Drctl;
import io.mcpbridge.dr.system.support.SecuredKafka;
import io.mcpbridge.dr.testing.FreePorts;
import io.mcpbridge.dr.testing.ServiceProcess;
import io.mcpbridge.dr.testing.TestSigners;
import io.mcpbridge.dr.testing.TopicRecorder;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The services on Kubernetes connect to Kafka as their {@code KafkaUser}s of {@code k8s/base/kafka.yaml}, with
 * the {@code KAFKA_*} settings their Deployments give them: here a broker that authenticates (SCRAM-SHA-512) and
 * authorises by exactly those users' ACLs runs the packaged health-monitor configured by its Deployment's
 * environment, and a user's client is refused what its ACLs do not grant.
 */
class KafkaUsersIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void healthMonitorConnectsAsItsKafkaUserAndMayWriteNothingElse() throws Exception {
        Map<String, String> passwords = new HashMap<>();
        try (SecuredKafka kafka = startWithTheUsersOfTheManifests(passwords)) {
            Map<String, String> environment =
                    kafkaEnvironment("health-monitor", kafka, passwords.get("health-monitor"));
            try (TopicRecorder health = TopicRecorder.fromNow(kafka.operatorBootstrap(), Topics.HEALTH);
                    ServiceProcess monitor = ServiceProcess.start(
                            Path.of(System.getProperty("health-monitor.jar")),
                            "health-monitor-as-kafka-user",
                            Map.of(
                                    "mcpdr.webhook.token",
                                    "test-token",
                                    "mcpdr.probes.interval",
                                    "1s",
                                    "mcpdr.probes.targets.gateway.url",
                                    "http://127.0.0.1:" + FreePorts.next() + "/health"),
                            environment)) {
                TargetHealth down = health.awaitPayloads(
                                EventType.HEALTH_CHANGED,
                                TargetHealth.class,
                                event -> event.component().equals("gateway") && event.state() == HealthState.DOWN,
                                1,
                                WAIT)
                        .get(0);
                assertThat(down.lastError()).isNotBlank();
                assertThat(monitor.isAlive()).isTrue();
            }
            try (KafkaProducer<String, byte[]> asHealthMonitor = producer(kafka, passwords.get("health-monitor"))) {
                asHealthMonitor
                        .send(new ProducerRecord<>(Topics.ALERTS, "gateway", bytes("{}")))
                        .get(30, TimeUnit.SECONDS);
                assertThatThrownBy(() -> asHealthMonitor
                                .send(new ProducerRecord<>(Topics.COMMANDS_RECOVERY, "gateway", bytes("{}")))
                                .get(30, TimeUnit.SECONDS))
                        .as("health-monitor may not command a recovery")
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
            }
        }
    }

    @Test
    void drctlReadsTheStateAndSendsCommandsAsItsKafkaUserAndAnotherUserIsToldWhy() throws Exception {
        Map<String, String> passwords = new HashMap<>();
        try (SecuredKafka kafka = startWithTheUsersOfTheManifests(passwords)) {
            Drctl drctl = Drctl.as(TestSigners.ENGINEER, kafka.clientBootstrap())
                    .withEnvironment(sasl("drctl", passwords.get("drctl")));

            Drctl.Run status = drctl.run("status", "-o", "json");
            assertThat(status.exitCode()).as(status.all()).isZero();
            Drctl.Run backups = drctl.run("backup", "list");
            assertThat(backups.exitCode()).as(backups.all()).isZero();
            Drctl.Run sent = drctl.run("ack", "gateway", "--no-wait");
            assertThat(sent.exitCode()).as(sent.all()).isZero();
            assertThat(sent.all()).doesNotContain(passwords.get("drctl"));

            Drctl.Run asNotifier = Drctl.as(TestSigners.ENGINEER, kafka.clientBootstrap())
                    .withEnvironment(sasl("notifier", passwords.get("notifier")))
                    .run("incidents");
            assertThat(asNotifier.exitCode()).as(asNotifier.all()).isEqualTo(1);
            assertThat(asNotifier.err()).contains("does not allow", "ACLs");
        }
    }

    /**
     * A broker with the {@code KafkaUser}s of {@code k8s/base/kafka.yaml} and their ACLs, as Strimzi's user operator
     * would make them; each user's random password is put into {@code passwords}.
     */
    private static SecuredKafka startWithTheUsersOfTheManifests(Map<String, String> passwords) throws IOException {
        List<KafkaUser> users = ManifestFiles.read(ProjectFiles.ROOT.resolve("k8s/base/kafka.yaml")).stream()
                .filter(KafkaUser.class::isInstance)
                .map(KafkaUser.class::cast)
                .toList();
        users.forEach(user ->
                passwords.put(user.getMetadata().getName(), UUID.randomUUID().toString()));
        SecuredKafka kafka = SecuredKafka.start();
        try {
            kafka.setUp(passwords, bindings(users));
            return kafka;
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    /** drctl's settings for a SCRAM user, from the environment as an operator would pass a Secret. */
    private static Map<String, String> sasl(String user, String password) {
        return Map.of(
                "MCPDR_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "MCPDR_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "MCPDR_KAFKA_SASL_JAAS_CONFIG", SecuredKafka.jaasLine(user, password));
    }

    /**
     * The {@code KAFKA_*} variables of the service's Deployment, pointed at this broker: its address, and the
     * password line Strimzi would write into the user's Secret. TLS is not used here (no Strimzi cluster CA), so
     * SASL_SSL becomes SASL_PLAINTEXT and the trust store settings are left out.
     */
    private static Map<String, String> kafkaEnvironment(String service, SecuredKafka kafka, String password)
            throws Exception {
        Deployment deployment = ManifestFiles.read(ProjectFiles.ROOT.resolve("k8s/base/" + service + ".yaml")).stream()
                .filter(Deployment.class::isInstance)
                .map(Deployment.class::cast)
                .findFirst()
                .orElseThrow();
        Map<String, String> environment = new HashMap<>();
        for (EnvVar variable : deployment
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getEnv()) {
            String name = variable.getName();
            if (!name.startsWith("KAFKA_") || name.startsWith("KAFKA_SSL_")) {
                continue;
            }
            String value = switch (name) {
                case "KAFKA_BOOTSTRAP_SERVERS" -> kafka.clientBootstrap();
                case "KAFKA_SECURITY_PROTOCOL" -> variable.getValue().replace("SASL_SSL", "SASL_PLAINTEXT");
                case "KAFKA_SASL_JAAS_CONFIG" -> {
                    assertThat(variable.getValueFrom().getSecretKeyRef().getName())
                            .as("the Secret Strimzi makes for the user")
                            .isEqualTo(service);
                    yield SecuredKafka.jaasLine(service, password);
                }
                default -> variable.getValue();
            };
            environment.put(name, value);
        }
        assertThat(environment).containsKeys("KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM");
        return environment;
    }

    /** The ACLs of the users as Kafka holds them once Strimzi's user operator applied them. */
    private static List<AclBinding> bindings(List<KafkaUser> users) {
        return users.stream()
                .flatMap(user -> ManifestFiles.grants(user).stream())
                .map(grant -> new AclBinding(
                        new ResourcePattern(grant.resourceType(), grant.resource(), PatternType.LITERAL),
                        new AccessControlEntry(
                                "User:" + grant.user(), "*", grant.operation(), AclPermissionType.ALLOW)))
                .toList();
    }

    private static KafkaProducer<String, byte[]> producer(SecuredKafka kafka, String password) {
        Map<String, Object> settings = new HashMap<>(kafka.clientSettings("health-monitor", password));
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        return new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
