package io.mcpbridge.dr.notifier.support;

import io.mcpbridge.dr.testing.KafkaBrokerResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The notifier against the shared real Kafka broker and the Slack and PagerDuty stubs. */
public class NotifierProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(
                new TestResourceEntry(KafkaBrokerResource.class), new TestResourceEntry(ChannelStubsResource.class));
    }

    /** Channels at 50 messages a second: Slack's real one a second would make a 1,000-message storm take 17 minutes. */
    public static class Storm implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(
                    new TestResourceEntry(KafkaBrokerResource.class),
                    new TestResourceEntry(
                            ChannelStubsResource.class, Map.of(ChannelStubsResource.MIN_INTERVAL, "20ms")));
        }
    }

    /** Slack in bot-token mode: chat.postMessage, an incident's messages in one thread. */
    public static class SlackBot implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(
                    new TestResourceEntry(KafkaBrokerResource.class),
                    new TestResourceEntry(ChannelStubsResource.class, Map.of(ChannelStubsResource.BOT_MODE, "true")));
        }
    }

    /**
     * Every audience reachable (Slack, PagerDuty, the status page, email through a real SMTP server) and the
     * notifier's clock in the test's hands.
     */
    public static class Audiences implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(
                    new TestResourceEntry(KafkaBrokerResource.class),
                    new TestResourceEntry(ChannelStubsResource.class),
                    new TestResourceEntry(AudiencePeersResource.class));
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(TestClockProducer.class);
        }
    }
}
