package io.mcpbridge.dr.coordinator.support;

import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.TestEvents;
import io.mcpbridge.dr.testing.TopicRecorder;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a coordinator test sends and watches on the shared broker, for each test
 * ({@code @RegisterExtension}): a producer for signals and commands, and recorders, from the test's start,
 * of what the coordinator publishes.
 */
public final class CoordinatorTopics implements BeforeEachCallback, AfterEachCallback {

    public TestEvents events;
    public TopicRecorder incidents;
    public TopicRecorder notifications;
    public TopicRecorder backupCommands;
    public TopicRecorder dlq;
    public TopicRecorder outcomes;

    @Override
    public void beforeEach(ExtensionContext context) {
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        events = new TestEvents(bootstrap);
        incidents = TopicRecorder.fromNow(bootstrap, Topics.INCIDENTS);
        notifications = TopicRecorder.fromNow(bootstrap, Topics.COMMANDS_NOTIFY);
        backupCommands = TopicRecorder.fromNow(bootstrap, Topics.COMMANDS_BACKUP);
        dlq = TopicRecorder.fromNow(bootstrap, Topics.DLQ);
        outcomes = TopicRecorder.fromNow(bootstrap, Topics.COMMAND_OUTCOMES);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        events.close();
        incidents.close();
        notifications.close();
        backupCommands.close();
        dlq.close();
        outcomes.close();
    }
}
