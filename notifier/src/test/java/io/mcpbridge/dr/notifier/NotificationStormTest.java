package io.mcpbridge.dr.notifier;

import static io.mcpbridge.dr.notifier.support.Notifications.notification;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.notifier.support.ChannelStubsResource;
import io.mcpbridge.dr.notifier.support.Notifications;
import io.mcpbridge.dr.notifier.support.NotifierProfile;
import io.mcpbridge.dr.notifier.support.SlackDeliveries;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.TestEvents;
import io.mcpbridge.dr.testing.stub.PagerDutyStub;
import io.mcpbridge.dr.testing.stub.SlackWebhookStub;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A storm: 1,000 notifications for 10 critical incidents (each opened, then 99 updates). Slack never sees
 * more than its rate (50 a second in this profile), PagerDuty is paged once per incident, nothing is lost
 * and nothing arrives twice.
 */
@QuarkusTest
@TestProfile(NotifierProfile.Storm.class)
class NotificationStormTest {

    @Test
    void aThousandNotificationsForTenIncidentsDrainWithinTheRateAndPageOncePerIncident() {
        SlackWebhookStub slack = ChannelStubsResource.slack();
        PagerDutyStub pagerDuty = ChannelStubsResource.pagerDuty();
        List<String> incidents = new ArrayList<>();
        List<NotificationRequest> storm = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            incidents.add("storm-" + UUID.randomUUID());
        }
        for (int update = 0; update < 100; update++) {
            for (String incident : incidents) {
                storm.add(notification()
                        .id(UUID.randomUUID().toString())
                        .incident(incident)
                        .severity(Severity.CRITICAL)
                        .kind(update == 0 ? NotificationKind.INCIDENT_OPENED : NotificationKind.INCIDENT_UPDATED)
                        .summary("update " + update + " of " + incident)
                        .build());
            }
        }

        try (TestEvents events = new TestEvents(KafkaBroker.shared().bootstrapServers())) {
            storm.forEach(request -> events.publish(Notifications.envelope(request)));
        }

        Awaitility.await("every storm notification on Slack")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> delivered(slack).size() >= storm.size());
        Map<String, Long> perNotification =
                delivered(slack).stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(perNotification.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        storm.stream().map(NotificationRequest::id).toList());
        assertThat(perNotification.values()).as("none twice").containsOnly(1L);
        assertThat(slack.maxRequestsInAnyWindow(Duration.ofSeconds(1))).isLessThanOrEqualTo(50);
        assertThat(slack.requests()).allSatisfy(r -> assertThat(r.violations()).isEmpty());
        for (String incident : incidents) {
            assertThat(pagerDuty.eventsFor(incident))
                    .as("pages for " + incident)
                    .hasSize(1)
                    .allSatisfy(page ->
                            assertThat(page.get("event_action").asText()).isEqualTo("trigger"));
        }
    }

    private static List<String> delivered(SlackWebhookStub slack) {
        return SlackDeliveries.notificationIds(slack, "storm-");
    }
}
