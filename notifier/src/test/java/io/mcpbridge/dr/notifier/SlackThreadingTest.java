package io.mcpbridge.dr.notifier;

import static io.mcpbridge.dr.notifier.support.Notifications.notification;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.notifier.support.ChannelStubsResource;
import io.mcpbridge.dr.notifier.support.Notifications;
import io.mcpbridge.dr.notifier.support.NotifierProfile;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.TestEvents;
import io.mcpbridge.dr.testing.stub.SlackWebhookStub;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Bot-token mode: an incident's updates and resolution reply in the thread of its first message. */
@QuarkusTest
@TestProfile(NotifierProfile.SlackBot.class)
class SlackThreadingTest {

    @Test
    void anIncidentsMessagesShareOneThreadAndTheResolutionIsBroadcast() {
        SlackWebhookStub slack = ChannelStubsResource.slack();
        String incident = "thread-" + Instant.now().toEpochMilli();
        List<NotificationRequest> story = List.of(
                notification()
                        .incident(incident)
                        .severity(Severity.MEDIUM)
                        .kind(NotificationKind.INCIDENT_OPENED)
                        .build(),
                notification()
                        .incident(incident)
                        .severity(Severity.MEDIUM)
                        .kind(NotificationKind.INCIDENT_UPDATED)
                        .build(),
                notification()
                        .incident(incident)
                        .severity(Severity.MEDIUM)
                        .kind(NotificationKind.INCIDENT_RESOLVED)
                        .build());

        try (TestEvents events = new TestEvents(KafkaBroker.shared().bootstrapServers())) {
            story.forEach(n -> events.publish(Notifications.envelope(n)));
        }

        Awaitility.await("three messages posted")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> posted(slack, incident).size() >= 3);
        List<SlackWebhookStub.PostedMessage> messages = posted(slack, incident);
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).threadTs()).isEmpty();
        assertThat(messages.get(0).channel()).isEqualTo("C0INCIDENTS");
        assertThat(slack.repliesTo(messages.get(0).ts())).hasSize(2);
        assertThat(messages.get(2).json().path("reply_broadcast").asBoolean()).isTrue();
        assertThat(slack.webhookMessages()).noneMatch(m -> m.toString().contains(incident));
        assertThat(slack.requests()).allSatisfy(r -> {
            assertThat(r.violations()).isEmpty();
            assertThat(r.body()).doesNotContain(ChannelStubsResource.BOT_TOKEN);
        });
    }

    private static List<SlackWebhookStub.PostedMessage> posted(SlackWebhookStub slack, String incident) {
        return slack.postedMessages().stream()
                .filter(m -> m.json().toString().contains(incident))
                .toList();
    }
}
