package io.mcpbridge.dr.coordinator.support;

import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.TestEvents;
import io.mcpbridge.dr.testing.TopicRecorder;

/**
 * What a coordinator test sends and watches on the shared broker: a producer for signals and commands, and
 * recorders, from now on, of what the coordinator publishes.
 */
public final class CoordinatorTopics implements AutoCloseable {

    public final TestEvents events;
    public final TopicRecorder incidents;
    public final TopicRecorder notifications;
    public final TopicRecorder backupCommands;
    public final TopicRecorder dlq;

    private CoordinatorTopics(String bootstrap) {
        events = new TestEvents(bootstrap);
        incidents = TopicRecorder.fromNow(bootstrap, Topics.INCIDENTS);
        notifications = TopicRecorder.fromNow(bootstrap, Topics.COMMANDS_NOTIFY);
        backupCommands = TopicRecorder.fromNow(bootstrap, Topics.COMMANDS_BACKUP);
        dlq = TopicRecorder.fromNow(bootstrap, Topics.DLQ);
    }

    public static CoordinatorTopics fromNow() {
        return new CoordinatorTopics(KafkaBroker.shared().bootstrapServers());
    }

    @Override
    public void close() {
        events.close();
        incidents.close();
        notifications.close();
        backupCommands.close();
        dlq.close();
    }
}
