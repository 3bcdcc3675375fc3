package io.mcpbridge.dr.system.support;

import static io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker.endpoint;

import io.mcpbridge.dr.events.kafka.TopicDefinitions;
import io.mcpbridge.dr.testing.FreePorts;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * A KRaft broker that authenticates and authorises as the Strimzi cluster of {@code k8s/base/kafka.yaml} does:
 * clients log in with SCRAM-SHA-512 and may do only what ACLs grant them. A second, plain listener is the
 * operator's (a super user), for making users, ACLs and topics and for watching. TLS is left out: the
 * services' TLS settings are the JDK's, not ours.
 */
public final class SecuredKafka implements AutoCloseable {

    private static final String SCRAM = "SCRAM-SHA-512";

    private final EmbeddedKafkaBroker broker;
    private final String operatorBootstrap;
    private final String clientBootstrap;

    private SecuredKafka(EmbeddedKafkaBroker broker, int operatorPort, int clientPort) {
        this.broker = broker;
        this.operatorBootstrap = "127.0.0.1:" + operatorPort;
        this.clientBootstrap = "127.0.0.1:" + clientPort;
    }

    public static SecuredKafka start() {
        int[] ports = FreePorts.distinct(3);
        int operatorPort = ports[0];
        int clientPort = ports[1];
        String dataDir;
        try {
            dataDir = Files.createTempDirectory("kafka-secured-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withKafkaHost("127.0.0.1")
                .withKafkaPort(operatorPort)
                .withControllerPort(ports[2])
                .withClusterId(Uuid.randomUuid().toString())
                .withAdvertisedListeners(
                        endpoint(SecurityProtocol.PLAINTEXT, "127.0.0.1", operatorPort),
                        endpoint(SecurityProtocol.SASL_PLAINTEXT, "127.0.0.1", clientPort))
                .withAdditionalProperties(props -> {
                    props.put("log.dir", dataDir);
                    props.put("log.dirs", dataDir);
                    props.put("offsets.topic.num.partitions", "3");
                    props.put("offsets.topic.replication.factor", "1");
                    props.put("group.initial.rebalance.delay.ms", "0");
                    props.put("auto.create.topics.enable", "false");
                    props.put("sasl.enabled.mechanisms", SCRAM);
                    props.put(
                            "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                            "org.apache.kafka.common.security.scram.ScramLoginModule required;");
                    props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
                    // The plain listener and the controller's are the operator's: unauthenticated is ANONYMOUS.
                    props.put("super.users", "User:ANONYMOUS");
                    props.put("allow.everyone.if.no.acl.found", "false");
                });
        return new SecuredKafka(broker.start(), operatorPort, clientPort);
    }

    /** Where the services connect, authenticating. */
    public String clientBootstrap() {
        return clientBootstrap;
    }

    /** Where the operator connects, as a super user. */
    public String operatorBootstrap() {
        return operatorBootstrap;
    }

    /** The {@code sasl.jaas.config} line of a user, as Strimzi writes it into the user's Secret. */
    public static String jaasLine(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    /** The client settings of a user, as {@code kafka.*} settings without the prefix. */
    public Map<String, Object> clientSettings(String user, String password) {
        return Map.of(
                "bootstrap.servers",
                clientBootstrap,
                "security.protocol",
                "SASL_PLAINTEXT",
                "sasl.mechanism",
                SCRAM,
                "sasl.jaas.config",
                jaasLine(user, password));
    }

    /** Makes the users, the ACLs and every topic of the system. */
    public void setUp(Map<String, String> passwords, Collection<AclBinding> acls) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, operatorBootstrap))) {
            admin.alterUserScramCredentials(passwords.entrySet().stream()
                            .map(user -> (org.apache.kafka.clients.admin.UserScramCredentialAlteration)
                                    new UserScramCredentialUpsertion(
                                            user.getKey(),
                                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                                            user.getValue()))
                            .toList())
                    .all()
                    .get(30, TimeUnit.SECONDS);
            admin.createAcls(List.copyOf(acls)).all().get(30, TimeUnit.SECONDS);
            admin.createTopics(TopicDefinitions.all(3, (short) 1)).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted setting up Kafka");
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka could not be set up: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        broker.close();
    }
}
