package io.mcpbridge.dr.devstack;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Apache Kafka broker in KRaft mode, as a process of its own, with its data kept in a
 * directory so that a restart finds its topics again. For the local stack and benchmarks, not production.
 *
 * <pre>KafkaBrokerMain PORT CONTROLLER_PORT DATA_DIR</pre>
 */
public final class KafkaBrokerMain {

    /** Fixed, so the data directory stays valid across restarts ("mcp-dr-local-001" as a UUID). */
    static final String CLUSTER_ID = new Uuid(0x6d63702d64722d6cL, 0x6f63616c2d303031L).toString();

    private KafkaBrokerMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: KafkaBrokerMain PORT CONTROLLER_PORT DATA_DIR");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int controllerPort = Integer.parseInt(args[1]);
        Path dir = Path.of(args[2]).toAbsolutePath();
        Files.createDirectories(dir);
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withKafkaHost("127.0.0.1")
                .withKafkaPort(port)
                .withControllerPort(controllerPort)
                .withClusterId(CLUSTER_ID)
                .withDeleteLogDirsOnClose(false)
                .withAdditionalProperties(props -> {
                    props.put("log.dir", dir.toString());
                    props.put("log.dirs", dir.toString());
                    props.put("num.partitions", "3");
                    props.put("offsets.topic.num.partitions", "3");
                    props.put("share.coordinator.state.topic.replication.factor", "1");
                    props.put("share.coordinator.state.topic.min.isr", "1");
                })
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            broker.close();
                            stopped.countDown();
                        },
                        "kafka-stop"));
        System.out.println("Kafka broker ready on 127.0.0.1:" + port + ", data in " + dir);
        stopped.await();
    }
}
