package io.mcpbridge.dr.notifier;

import static io.mcpbridge.dr.notifier.support.Notifications.notification;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.notifier.support.AudiencePeersResource;
import io.mcpbridge.dr.notifier.support.NotifierProfile;
import io.mcpbridge.dr.notifier.support.PageMarkers;
import io.mcpbridge.dr.notifier.support.TestClockProducer;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.MutableClock;
import io.mcpbridge.dr.testing.SmtpServer;
import io.mcpbridge.dr.testing.TestEvents;
import io.mcpbridge.dr.testing.stub.RecordedRequest;
import io.mcpbridge.dr.testing.stub.StatuspageStub;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The status page and email channels against their peers: the Statuspage stub that checks the API's contract
 * (rate limits answered with 420 and 429 included) and a real SMTP server.
 */
@QuarkusTest
@TestProfile(NotifierProfile.Audiences.class)
class AudienceChannelsTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(30);

    private final MutableClock clock = TestClockProducer.CLOCK;
    private final List<String> opened = new ArrayList<>();
    private TestEvents events;
    private StatuspageStub statuspage;

    @BeforeEach
    void connect() {
        events = new TestEvents(KafkaBroker.shared().bootstrapServers());
        statuspage = AudiencePeersResource.statuspage();
        statuspage.clear();
    }

    /** Resolves what the test opened, so no later move of the clock brings its updates into another test. */
    @AfterEach
    void close() {
        opened.forEach(incident -> publish(resolved(incident)));
        // Asserted, not polled for a boolean: a time-out then names the page incidents left open and their updates.
        Awaitility.await("every page incident resolved")
                .atMost(ARRIVAL)
                .untilAsserted(() -> assertThat(statuspage.incidents())
                        .allSatisfy(i -> assertThat(i.status()).as(i.toString()).isEqualTo("resolved")));
        events.close();
    }

    @Test
    void aStatusPageOverItsRateLimitIsWaitedOutWhetherItAnswers420Or429AndNothingIsDropped() {
        Instant opened = openedNow();
        String incident = "inc-gateway-ratelimited-" + System.nanoTime();
        statuspage.answerNext(420, Map.of("Retry-After", "1"), "{\"error\":\"Rate limit exceeded\"}");
        statuspage.answerNext(429, Map.of("Retry-After", "1"), "{\"error\":\"Rate limit exceeded\"}");

        publish(opened(incident, opened));
        clock.set(opened.plus(Duration.ofMinutes(15)));

        Awaitility.await("the page incident opened after both rate limits")
                .atMost(ARRIVAL)
                .until(() -> PageMarkers.pagesOf(statuspage, incident).size() == 1);
        assertThat(statuspage.requests().stream().map(RecordedRequest::status))
                .as("what the page answered, in order")
                .startsWith(420, 429);
        assertThat(statuspage.requests())
                .as("every request within the API's contract")
                .allSatisfy(r -> assertThat(r.violations()).isEmpty());
    }

    @Test
    void aCreateThatTimedOutButWentThroughIsFoundByItsMarkerAndNeverOpenedTwice() {
        Instant opened = openedNow();
        String incident = "inc-gateway-slowpage-" + System.nanoTime();
        // The look-up before the create answers at once; the create takes longer than the notifier's 2 s request
        // timeout: the page acts on it, the notifier sees a time-out.
        statuspage.delayNext(Duration.ZERO);
        statuspage.delayNext(Duration.ofSeconds(4));

        publish(opened(incident, opened));
        clock.set(opened.plus(Duration.ofMinutes(15)));
        // This incident's own page, updated: a request of an earlier test's incident that is still on its way (the
        // page is shared) must not end the wait before this incident's create was even sent.
        Awaitility.await("the retry found the incident the timed-out create opened")
                .atMost(ARRIVAL)
                .until(() -> PageMarkers.pagesOf(statuspage, incident).stream()
                        .anyMatch(page -> statuspage.requests().stream()
                                .anyMatch(r -> r.method().equals("PATCH")
                                        && r.path().endsWith("/incidents/" + page.id())
                                        && r.status() == 200)));

        assertThat(PageMarkers.pagesOf(statuspage, incident))
                .as("one public incident")
                .hasSize(1);
        assertThat(statuspage.requests().stream().map(RecordedRequest::method))
                .as("look up, create (timed out), look up the unresolved ones again, update the one found")
                .containsSubsequence("GET", "POST", "GET", "PATCH");
    }

    @Test
    void leadershipsEmailGoesToItsListAloneWithTheIncidentsReferenceForThreading() {
        Instant opened = openedNow();
        String incident = "inc-gateway-mail-" + System.nanoTime();

        publish(opened(incident, opened));
        clock.set(opened.plus(Duration.ofMinutes(30)));

        SmtpServer smtp = AudiencePeersResource.smtp();
        Awaitility.await("leadership's email")
                .atMost(ARRIVAL)
                .until(() -> mails(smtp, incident).stream()
                        .anyMatch(m -> m.recipients().contains("lead@")));
        SmtpServer.Message mail = mails(smtp, incident).stream()
                .filter(m -> m.recipients().contains("lead@"))
                .findFirst()
                .orElseThrow();
        assertThat(mail.recipients()).doesNotContain(AudiencePeersResource.CUSTOMERS);
        assertThat(mail.subject()).contains("[CRITICAL]", "INCIDENT ALERT", incident);
        assertThat(mail.header("From")).contains("mcp-dr@example.com");
        assertThat(mail.header("References")).isEqualTo("<" + incident + "@mcp-dr>");
        assertThat(mail.text())
                .contains("Incident Commander: the on-call SRE", "Bridge: https://meet.example.com/mcp-incident")
                .doesNotContainIgnoringCase("unknown");
    }

    private Instant openedNow() {
        Instant opened = clock.instant().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS);
        clock.set(opened);
        return opened;
    }

    private static List<SmtpServer.Message> mails(SmtpServer smtp, String incident) {
        return smtp.messages().stream()
                .filter(m -> m.subject().contains(incident))
                .toList();
    }

    private void publish(NotificationRequest request) {
        events.publish(new EventEnvelope(
                request.id(),
                EventType.NOTIFY_REQUESTED,
                "/mcp-dr/test",
                request.incidentId(),
                Instant.now(),
                request));
    }

    private NotificationRequest opened(String incident, Instant at) {
        opened.add(incident);
        return request(incident, NotificationKind.INCIDENT_OPENED, at);
    }

    private NotificationRequest resolved(String incident) {
        return request(incident, NotificationKind.INCIDENT_RESOLVED, clock.instant());
    }

    private static NotificationRequest request(String incident, NotificationKind kind, Instant at) {
        return notification()
                .id(incident + ":" + kind)
                .incident(incident)
                .kind(kind)
                .severity(Severity.CRITICAL)
                .startedAt(at)
                .fromCoordinator()
                .build();
    }
}
