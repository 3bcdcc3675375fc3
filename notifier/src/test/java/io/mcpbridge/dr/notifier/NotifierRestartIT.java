package io.mcpbridge.dr.notifier;

import static io.mcpbridge.dr.notifier.support.Notifications.notification;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.notifier.support.Notifications;
import io.mcpbridge.dr.notifier.support.NotifierProcess;
import io.mcpbridge.dr.notifier.support.SlackDeliveries;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.ServiceProcess;
import io.mcpbridge.dr.testing.TestEvents;
import io.mcpbridge.dr.testing.stub.SlackWebhookStub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The packaged notifier stopped in the middle of a stream of 200 notifications and started again as two replicas:
 * every one is delivered, none twice (counted at the Slack stub), and the low-severity ones, spread over every
 * partition, arrive in one Slack digest, sent by whichever replica owns it.
 */
class NotifierRestartIT {

    @Test
    void aRestartMidStreamDeliversEveryNotificationExactlyOnce() throws Exception {
        try (KafkaBroker broker = KafkaBroker.startDedicated();
                SlackWebhookStub slack = SlackWebhookStub.start()) {
            Map<String, String> settings = Map.of(
                    "kafka.bootstrap.servers", broker.bootstrapServers(),
                    "mcpdr.notifier.slack.enabled", "true",
                    "mcpdr.notifier.slack.webhook-url", slack.webhookUrl(),
                    "mcpdr.notifier.slack.min-interval", "25ms",
                    "mcpdr.notifier.console.enabled", "false",
                    "mcpdr.notifier.digest.interval", "6s");
            List<NotificationRequest> stream = IntStream.range(0, 200)
                    .mapToObj(i -> notification()
                            .id(UUID.randomUUID().toString())
                            .severity(Severity.MEDIUM)
                            .kind(NotificationKind.INCIDENT_UPDATED)
                            .summary("update " + i)
                            .build())
                    .toList();
            // Each of its own incident, so they spread over the partitions, and so over both replicas.
            List<String> low = IntStream.range(0, 12)
                    .mapToObj(i -> UUID.randomUUID().toString())
                    .toList();
            try (TestEvents events = new TestEvents(broker.bootstrapServers())) {
                stream.forEach(request -> events.publish(Notifications.envelope(request)));
                low.forEach(id -> events.publish(Notifications.envelope(notification()
                        .id(id)
                        .severity(Severity.LOW)
                        .kind(NotificationKind.ATTENTION)
                        .summary("cosmetic " + id)
                        .build())));
            }

            try (ServiceProcess first = NotifierProcess.start("notifier-first", settings)) {
                Awaitility.await("first instance delivering")
                        .atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> delivered(slack).size() >= 50);
                first.stop();
            }
            int beforeRestart = delivered(slack).size();
            assertThat(beforeRestart).as("stopped mid-stream").isLessThan(stream.size());

            try (ServiceProcess second = NotifierProcess.start("notifier-second", settings);
                    ServiceProcess third = NotifierProcess.start("notifier-third", settings)) {
                Awaitility.await("all delivered after the restart")
                        .atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> delivered(slack).size() >= stream.size());
                Awaitility.await("the low-severity ones in the digest")
                        .atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> digests(slack).stream()
                                .flatMap(List::stream)
                                .toList()
                                .containsAll(low));
                // A second digest would come within a check (6 s) of the first: none does.
                Awaitility.await("no other digest")
                        .during(Duration.ofSeconds(7))
                        .atMost(Duration.ofSeconds(11))
                        .until(() -> digests(slack).size() == 1);
                second.stop();
                third.stop();
            }
            assertThat(digests(slack))
                    .as("one digest, each low-severity notification once")
                    .singleElement()
                    .satisfies(ids -> assertThat(ids).containsExactlyInAnyOrderElementsOf(low));

            Map<String, Long> counts = delivered(slack).stream()
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(counts.keySet())
                    .containsExactlyInAnyOrderElementsOf(
                            stream.stream().map(NotificationRequest::id).toList());
            assertThat(counts.values()).as("none twice").containsOnly(1L);
        }
    }

    private static List<String> delivered(SlackWebhookStub slack) {
        return SlackDeliveries.notificationIds(slack, "INCIDENT UPDATE");
    }

    /** The notification ids each digest carried, one list per digest. */
    private static List<List<String>> digests(SlackWebhookStub slack) {
        return slack.accepted().stream()
                .filter(request -> request.body().contains("MCP Bridge DR digest"))
                .map(request -> SlackDeliveries.allNotificationIds(request.body()))
                .toList();
    }
}
