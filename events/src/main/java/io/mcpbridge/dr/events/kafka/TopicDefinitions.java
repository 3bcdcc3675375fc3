package io.mcpbridge.dr.events.kafka;

import io.mcpbridge.dr.events.Topics;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The system's topics as they must be created, with the settings of {@link Topics#settings}: whoever
 * creates topics (the local run, tests, an operator's tooling) creates them from here.
 */
public final class TopicDefinitions {

    private TopicDefinitions() {}

    /** One topic with its settings; replication -1 takes the broker's default. */
    public static NewTopic of(String topic, int partitions, short replication) {
        return new NewTopic(topic, partitions, replication).configs(Topics.settings(topic));
    }

    /** Every topic of {@link Topics#ALL}. */
    public static List<NewTopic> all(int partitions, short replication) {
        return Topics.ALL.stream()
                .map(topic -> of(topic, partitions, replication))
                .toList();
    }
}
