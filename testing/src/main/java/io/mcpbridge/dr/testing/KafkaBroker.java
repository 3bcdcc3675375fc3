package io.mcpbridge.dr.testing;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * A real Apache Kafka broker in KRaft mode (broker and controller in one node), running inside the
 * test JVM. {@link #shared()} is one broker per JVM, started on first use and stopped at exit, so
 * a whole suite pays the ~3 s start once; {@link #startDedicated()} is a broker a test may stop to
 * see what happens when Kafka goes away.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaBroker.class);
    private static final int START_ATTEMPTS = 3;
    private static KafkaBroker shared;

    private final EmbeddedKafkaBroker broker;
    private final String bootstrapServers;

    private KafkaBroker(EmbeddedKafkaBroker broker) {
        this.broker = broker;
        this.bootstrapServers = broker.getAdvertisedListeners().replace("PLAINTEXT://", "");
    }

    /** The broker every test of this JVM shares. */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            shared = startDedicated();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "kafka-broker-stop"));
        }
        return shared;
    }

    /** A new broker of the caller's own; close it when done. */
    public static KafkaBroker startDedicated() {
        RuntimeException last = null;
        // Free ports are picked then bound later; another process can win the race, so retry.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            EmbeddedKafkaBroker candidate = new EmbeddedKafkaBroker()
                    .withKafkaHost("127.0.0.1")
                    .withKafkaPort(FreePorts.next())
                    .withControllerPort(FreePorts.next())
                    .withAdditionalProperties(KafkaBroker::testFriendly);
            try {
                return new KafkaBroker(candidate.start());
            } catch (RuntimeException e) {
                LOG.warnf("Kafka broker failed to start (attempt %d of %d): %s", attempt, START_ATTEMPTS, e);
                candidate.close();
                last = e;
            }
        }
        throw last;
    }

    private static void testFriendly(Properties props) {
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("offsets.topic.num.partitions", "3");
        props.put("num.partitions", "3");
        props.put("auto.create.topics.enable", "true");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
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
