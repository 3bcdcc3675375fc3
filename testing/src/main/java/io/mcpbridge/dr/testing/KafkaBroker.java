package io.mcpbridge.dr.testing;

import io.mcpbridge.dr.events.kafka.TopicDefinitions;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.jboss.logging.Logger;

/**
 * A real Apache Kafka broker in KRaft mode (broker and controller in one node), running inside the
 * test JVM. {@link #shared()} is one broker per JVM, started on first use and stopped at exit, so
 * a whole suite pays the ~3 s start once; {@link #startDedicated()} is a broker a test may stop to
 * see what happens when Kafka goes away, and {@link #restart()} brings it back with its data.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaBroker.class);
    private static final int START_ATTEMPTS = 3;
    private static KafkaBroker shared;

    private final EmbeddedKafkaBroker broker;
    private final String bootstrapServers;
    private final int port;
    private final int controllerPort;
    private final String clusterId;
    private final Path dataDir;

    private KafkaBroker(EmbeddedKafkaBroker broker, int port, int controllerPort, String clusterId, Path dataDir) {
        this.broker = broker;
        this.bootstrapServers = broker.getAdvertisedListeners().replace("PLAINTEXT://", "");
        this.port = port;
        this.controllerPort = controllerPort;
        this.clusterId = clusterId;
        this.dataDir = dataDir;
    }

    /** The broker every test of this JVM shares. */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            shared = startDedicated();
            shared.createSystemTopics(3);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "kafka-broker-stop"));
        }
        return shared;
    }

    /** A new broker of the caller's own, with its data in a fresh temporary directory; close it when done. */
    public static KafkaBroker startDedicated() {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("kafka-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RuntimeException last = null;
        // Free ports are picked then bound later; another process can win the race, so retry.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                int[] ports = FreePorts.distinct(2);
                return start(ports[0], ports[1], Uuid.randomUuid().toString(), dataDir);
            } catch (RuntimeException e) {
                LOG.warnf("Kafka broker failed to start (attempt %d of %d): %s", attempt, START_ATTEMPTS, e);
                last = e;
            }
        }
        throw last;
    }

    /** Stops this broker if it runs and starts it again on the same ports with the same data. */
    public KafkaBroker restart() {
        close();
        return start(port, controllerPort, clusterId, dataDir);
    }

    private static KafkaBroker start(int port, int controllerPort, String clusterId, Path dataDir) {
        EmbeddedKafkaBroker candidate = new EmbeddedKafkaBroker()
                .withKafkaHost("127.0.0.1")
                .withKafkaPort(port)
                .withControllerPort(controllerPort)
                .withClusterId(clusterId)
                .withDeleteLogDirsOnClose(false)
                .withAdditionalProperties(props -> testFriendly(props, dataDir));
        try {
            return new KafkaBroker(candidate.start(), port, controllerPort, clusterId, dataDir);
        } catch (RuntimeException e) {
            candidate.close();
            throw e;
        }
    }

    private static void testFriendly(Properties props, Path dataDir) {
        props.put("log.dir", dataDir.toString());
        props.put("log.dirs", dataDir.toString());
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("offsets.topic.num.partitions", "3");
        props.put("num.partitions", "3");
        props.put("auto.create.topics.enable", "true");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
    }

    /**
     * Creates every topic of the system with its settings (compaction, broker time stamps on command topics),
     * as an operator would; topics that exist are left as they are.
     */
    public void createSystemTopics(int partitions) {
        create(TopicDefinitions.all(partitions, (short) 1));
    }

    /** Creates one topic of the system with its settings and a partition count of its own, unless it exists. */
    public void createSystemTopic(String topic, int partitions) {
        create(List.of(TopicDefinitions.of(topic, partitions, (short) 1)));
    }

    private void create(List<NewTopic> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .toList();
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topics");
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("topics could not be created: " + e.getMessage(), e);
        }
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public boolean isRunning() {
        return broker.isRunning();
    }

    @Override
    public void close() {
        broker.close();
    }
}
