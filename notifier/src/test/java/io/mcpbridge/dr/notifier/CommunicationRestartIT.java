package io.mcpbridge.dr.notifier;

import static io.mcpbridge.dr.notifier.support.Notifications.notification;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.notifier.support.NotifierProcess;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.ServiceProcess;
import io.mcpbridge.dr.testing.SmtpServer;
import io.mcpbridge.dr.testing.TestEvents;
import io.mcpbridge.dr.testing.stub.RecordedRequest;
import io.mcpbridge.dr.testing.stub.SlackWebhookStub;
import io.mcpbridge.dr.testing.stub.StatuspageStub;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The packaged notifier stopped in the middle of an incident's communication, in real time with the plan's
 * minutes made seconds, and started again (its email through an SMTP server that requires STARTTLS, as relays do): what fell due while it was down is sent by the next instance, the
 * updates carry on in sequence, and nothing is sent twice (counted at Slack, the status page and the SMTP
 * server).
 */
class CommunicationRestartIT {

    private static final Pattern SLACK_ID = Pattern.compile("notification ([^\\s\"\\\\]+)");

    @Test
    void aRestartInTheMiddleNeitherLosesNorRepeatsAMessage() throws Exception {
        try (KafkaBroker broker = KafkaBroker.startDedicated();
                SlackWebhookStub slack = SlackWebhookStub.start();
                StatuspageStub statuspage = StatuspageStub.start();
                SmtpServer smtp = SmtpServer.startRequiringStartTls()) {
            Map<String, String> settings = new HashMap<>(Map.ofEntries(
                    Map.entry("kafka.bootstrap.servers", broker.bootstrapServers()),
                    Map.entry("mcpdr.notifier.console.enabled", "false"),
                    Map.entry("mcpdr.notifier.slack.enabled", "true"),
                    Map.entry("mcpdr.notifier.slack.webhook-url", slack.webhookUrl()),
                    Map.entry("mcpdr.notifier.slack.min-interval", "20ms"),
                    Map.entry("mcpdr.notifier.statuspage.enabled", "true"),
                    Map.entry("mcpdr.notifier.statuspage.api-url", statuspage.apiUrl()),
                    Map.entry("mcpdr.notifier.statuspage.page-id", StatuspageStub.PAGE_ID),
                    Map.entry("mcpdr.notifier.statuspage.api-key", StatuspageStub.API_KEY),
                    Map.entry("mcpdr.notifier.statuspage.min-interval", "50ms"),
                    Map.entry("mcpdr.notifier.email.enabled", "true"),
                    Map.entry("mcpdr.notifier.email.recipients.leadership", "lead@example.com"),
                    Map.entry("mcpdr.notifier.email.recipients.customers", "support@example.com"),
                    // The plan's Critical row with minutes made seconds: updates every 2 s.
                    Map.entry("mcpdr.notifier.plan.audiences.external.critical", "2s"),
                    Map.entry("mcpdr.notifier.plan.audiences.leadership.critical", "12s"),
                    Map.entry("mcpdr.notifier.plan.audiences.customers.critical", "16s"),
                    Map.entry("mcpdr.notifier.plan.updates.critical", "2s"),
                    Map.entry("mcpdr.notifier.plan.tick", "100ms")));
            smtp.mailerSettings().forEach((key, value) -> settings.put((String) key, (String) value));
            String incident = "inc-gateway-restart-" + System.nanoTime();
            Map<String, Instant> times = new HashMap<>();

            try (TestEvents events = new TestEvents(broker.bootstrapServers())) {
                try (ServiceProcess first = NotifierProcess.start("notifier-first", settings)) {
                    first.awaitReady(Duration.ofSeconds(60));
                    times.put("opened", Instant.now());
                    events.publish(envelope(request(incident, NotificationKind.INCIDENT_OPENED, times.get("opened"))));
                    Awaitility.await("the status page told and an update posted")
                            .atMost(Duration.ofSeconds(30))
                            .pollInterval(Duration.ofMillis(50))
                            .until(() -> statuspage.incidents().size() == 1
                                    && updates(slack, incident).size() >= 1);
                    first.stop();
                }
                Instant stopped = Instant.now();
                Instant leadershipDue = times.get("opened").plusSeconds(12);
                assertThat(stopped).as("stopped before leadership's deadline").isBefore(leadershipDue);
                Awaitility.await("leadership's deadline passed while no notifier ran")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> Instant.now().isAfter(leadershipDue.plusSeconds(1)));
                assertThat(mails(smtp, incident))
                        .as("nobody mailed while it was down")
                        .isEmpty();

                try (ServiceProcess second = NotifierProcess.start("notifier-second", settings)) {
                    Awaitility.await("leadership and customers mailed by the next instance")
                            .atMost(Duration.ofSeconds(90))
                            .pollInterval(Duration.ofMillis(100))
                            .until(() -> recipients(smtp, incident)
                                    .containsAll(List.of("lead@example.com", "support@example.com")));
                    events.publish(
                            envelope(request(incident, NotificationKind.INCIDENT_RESOLVED, times.get("opened"))));
                    Awaitility.await("the resolution everywhere")
                            .atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(100))
                            .until(() -> statuspage.incidents().get(0).status().equals("resolved")
                                    && mails(smtp, incident).stream()
                                                    .filter(m -> m.subject().contains("RESOLVED"))
                                                    .count()
                                            == 2);
                    second.stop();
                }
            }

            Map<String, Long> slackIds = counted(ids(slack, incident));
            assertThat(slackIds.values())
                    .as("no Slack message twice: " + slackIds)
                    .containsOnly(1L);
            List<Integer> numbers = updates(slack, incident);
            assertThat(numbers)
                    .as("the updates in sequence across the restart, none lost, none repeated")
                    .isEqualTo(java.util.stream.IntStream.rangeClosed(1, numbers.size())
                            .boxed()
                            .toList());
            assertThat(statuspage.incidents()).as("one public incident").hasSize(1);
            Map<String, Long> mailed = counted(mails(smtp, incident).stream()
                    .map(m -> m.header("X-MCP-DR-Notification") + " to " + m.recipients())
                    .toList());
            assertThat(mailed.values()).as("no email twice: " + mailed).containsOnly(1L);
            assertThat(statuspage.requests())
                    .allSatisfy(r -> assertThat(r.violations()).isEmpty());
        }
    }

    private static List<String> ids(SlackWebhookStub slack, String incident) {
        List<String> ids = new ArrayList<>();
        for (RecordedRequest request : slack.accepted()) {
            if (request.body().contains(incident)) {
                Matcher matcher = SLACK_ID.matcher(request.body());
                if (matcher.find()) {
                    ids.add(matcher.group(1));
                }
            }
        }
        return ids;
    }

    /** The numbers of the cadence updates posted to Slack, in arrival order. */
    private static List<Integer> updates(SlackWebhookStub slack, String incident) {
        return ids(slack, incident).stream()
                .filter(id -> id.contains(":update-"))
                .map(id -> Integer.parseInt(id.substring(id.lastIndexOf('-') + 1)))
                .toList();
    }

    private static List<SmtpServer.Message> mails(SmtpServer smtp, String incident) {
        return smtp.messages().stream()
                .filter(m -> m.subject().contains(incident))
                .toList();
    }

    private static List<String> recipients(SmtpServer smtp, String incident) {
        return mails(smtp, incident).stream()
                .map(SmtpServer.Message::recipients)
                .toList();
    }

    private static Map<String, Long> counted(List<String> values) {
        return values.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static EventEnvelope envelope(NotificationRequest request) {
        return new EventEnvelope(
                request.id(), EventType.NOTIFY_REQUESTED, "/mcp-dr/test", request.incidentId(), Instant.now(), request);
    }

    private static NotificationRequest request(String incident, NotificationKind kind, Instant startedAt) {
        return notification()
                .id(incident + ":" + kind)
                .incident(incident)
                .kind(kind)
                .severity(Severity.CRITICAL)
                .startedAt(startedAt)
                .fromCoordinator()
                .build();
    }
}
