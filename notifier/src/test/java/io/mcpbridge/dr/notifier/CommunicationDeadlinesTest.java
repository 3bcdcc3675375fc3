package io.mcpbridge.dr.notifier;

import static io.mcpbridge.dr.notifier.support.Notifications.notification;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.notifier.plan.Audience;
import io.mcpbridge.dr.notifier.plan.Cell;
import io.mcpbridge.dr.notifier.plan.CommunicationPlan;
import io.mcpbridge.dr.notifier.support.AudiencePeersResource;
import io.mcpbridge.dr.notifier.support.ChannelStubsResource;
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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The plan's communication matrix kept, severity by severity, with the notifier's clock moved through the plan's
 * deadlines: each audience hears through its channel by its deadline (and, when it waits for it, not before),
 * once; open incidents are updated at the promised times, "Next Update" naming the time the next one comes;
 * updates stop at the resolution, which every audience told hears; no message says "unknown".
 */
@QuarkusTest
@TestProfile(NotifierProfile.Audiences.class)
class CommunicationDeadlinesTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(20);
    /** How long nothing must arrive to show that nothing was sent (the notifier checks every 100 ms here). */
    private static final Duration QUIET = Duration.ofMillis(1200);

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final CommunicationPlan PLAN = CommunicationPlan.PLAN;

    private final MutableClock clock = TestClockProducer.CLOCK;
    private TestEvents events;

    @BeforeEach
    void connect() {
        events = new TestEvents(KafkaBroker.shared().bootstrapServers());
    }

    @AfterEach
    void close() {
        events.close();
    }

    @ParameterizedTest
    @EnumSource(Severity.class)
    void everyAudienceHearsByItsDeadlineOnceAndUpdatesComeWhenPromisedUntilTheResolution(Severity severity) {
        // A morning well after the last test's: the day's digest comes after everything else here.
        Instant opened = clock.instant()
                .plus(Duration.ofDays(30))
                .truncatedTo(ChronoUnit.DAYS)
                .plus(Duration.ofHours(9));
        clock.set(opened);
        String incident = "inc-gateway-" + severity.name().toLowerCase() + "-" + System.nanoTime();
        // A low-severity incident reaches the internal audience in the Slack digest, tested on its own.
        Counts counts = new Counts(incident, PLAN.internal().cell(severity).hasDeadline());

        publish(request(incident + ":opened", incident, NotificationKind.INCIDENT_OPENED, severity, opened));

        Map<String, Integer> expected = new HashMap<>();
        Set<String> told = new LinkedHashSet<>();
        Audience internal = PLAN.internal();
        if (internal.cell(severity).hasDeadline()) {
            expected.put(CommunicationPlan.INTERNAL, 1);
            told.add(CommunicationPlan.INTERNAL);
            awaitCounts(counts, expected, "the internal audience at once");
        }
        if (severity == Severity.CRITICAL || severity == Severity.HIGH) {
            Awaitility.await("a page on open for " + severity)
                    .atMost(ARRIVAL)
                    .until(() -> ChannelStubsResource.pagerDuty().eventsFor(incident).stream()
                            .anyMatch(e -> e.path("event_action").asText().equals("trigger")));
        }

        Map<Instant, List<String>> dues = new HashMap<>();
        Map<Instant, List<String>> digests = new TreeMap<>();
        for (Audience audience : PLAN.audiences()) {
            Cell cell = audience.cell(severity);
            if (audience.name().equals(CommunicationPlan.INTERNAL)) {
                continue;
            }
            if (cell.hasDeadline()) {
                dues.computeIfAbsent(opened.plus(cell.deadline()), t -> new ArrayList<>())
                        .add(audience.name());
            } else if (cell.kind() == Cell.Kind.DIGEST && audience.channels().contains("email")) {
                // Daily or Weekly by email (the status page has no digest): the next digest carries it, once.
                digests.computeIfAbsent(cell.nextDigestAt(opened), t -> new ArrayList<>())
                        .add(audience.name());
            }
        }
        Duration cadence = PLAN.cadence(severity);
        // An "As needed" audience is nobody's deadline; its commander is asked to decide once the incident has
        // lasted its first update period.
        long asNeeded = PLAN.audiences().stream()
                .filter(audience -> audience.cell(severity).kind() == Cell.Kind.AS_NEEDED)
                .count();
        Instant decideAt = cadence.isZero() ? null : opened.plus(cadence);
        TreeSet<Instant> checkpoints = new TreeSet<>(dues.keySet());
        Instant lastDue = dues.keySet().stream().max(Instant::compareTo).orElse(opened);
        if (!cadence.isZero()) {
            for (Instant t = opened.plus(cadence); !t.isAfter(lastDue.plus(cadence)); t = t.plus(cadence)) {
                checkpoints.add(t);
            }
        }

        for (Instant checkpoint : checkpoints) {
            List<String> newlyDue = dues.getOrDefault(checkpoint, List.of());
            boolean update =
                    !cadence.isZero() && Duration.between(opened, checkpoint).toMillis() % cadence.toMillis() == 0;
            if (!newlyDue.isEmpty() || checkpoint.equals(checkpoints.first())) {
                clock.set(checkpoint.minusSeconds(1));
                holdsAt(counts, expected, "a second before " + checkpoint);
            }
            clock.set(checkpoint);
            if (update) {
                told.forEach(audience -> expected.merge(audience, 1, Integer::sum));
            }
            if (checkpoint.equals(decideAt) && asNeeded > 0) {
                expected.merge(CommunicationPlan.INTERNAL, (int) asNeeded, Integer::sum);
            }
            newlyDue.forEach(audience -> {
                expected.merge(audience, 1, Integer::sum);
                told.add(audience);
            });
            awaitCounts(counts, expected, "at " + checkpoint + " (due: " + newlyDue + ", update: " + update + ")");
            if (update && told.contains(CommunicationPlan.INTERNAL)) {
                assertThat(counts.lastInternal())
                        .as("the update names when the next one comes, and it comes then")
                        .contains(MINUTE.format(checkpoint.plus(cadence)));
            }
        }

        Instant resolvedAt = (checkpoints.isEmpty() ? opened : checkpoints.last()).plus(Duration.ofMinutes(1));
        clock.set(resolvedAt);
        publish(request(incident + ":resolved", incident, NotificationKind.INCIDENT_RESOLVED, severity, opened));
        told.forEach(audience -> expected.merge(audience, 1, Integer::sum));
        awaitCounts(counts, expected, "the resolution, to everyone told");
        for (Map.Entry<Instant, List<String>> digest : digests.entrySet()) {
            assertThat(digest.getKey()).as("digests come after the rest here").isAfter(resolvedAt);
            clock.set(digest.getKey().minusSeconds(1));
            holdsAt(counts, expected, "a second before the digest of " + digest.getValue());
            clock.set(digest.getKey());
            digest.getValue().forEach(audience -> expected.merge(audience, 1, Integer::sum));
            awaitCounts(counts, expected, "the digest of " + digest.getValue() + " at " + digest.getKey());
        }
        Instant quietUntil = resolvedAt.plus(cadence.multipliedBy(3));
        for (Instant digestAt : digests.keySet()) {
            quietUntil = digestAt.isAfter(quietUntil) ? digestAt : quietUntil;
        }
        clock.set(quietUntil.plus(Duration.ofMinutes(1)));
        holdsAt(counts, expected, "after the resolution: no more updates, each digest once");

        if (told.contains(CommunicationPlan.EXTERNAL)) {
            StatuspageStub.Incident page = counts.page();
            assertThat(page.status()).isEqualTo("resolved");
            assertThat(page.updates().get(0).components())
                    .as("the gateway set to its outage on the page")
                    .containsKey(AudiencePeersResource.GATEWAY_COMPONENT);
            assertThat(AudiencePeersResource.statuspage().componentStatus(AudiencePeersResource.GATEWAY_COMPONENT))
                    .isEqualTo("operational");
            assertThat(page.updates())
                    .as("public text says nothing internal")
                    .allSatisfy(u -> assertThat(u.body()).doesNotContain("gateway-0", "10.", "Exception", incident));
        }
        assertThat(counts.everyText())
                .as("messages delivered")
                .allSatisfy(text -> assertThat(text).doesNotContainIgnoringCase("unknown"));
    }

    /**
     * The plan's "As needed": Customers of a MEDIUM incident hear nothing, and nobody is reminded, until an engineer
     * tells them ({@code drctl tell}, through the coordinator); then they hear the engineer's words once, by their
     * list, and the incident's resolution. A request naming an audience the plan lacks is refused with the reason,
     * and the internal channels hear of it at once.
     */
    @Test
    void customersHearOfAMediumIncidentOnlyWhenAnEngineerTellsThemAndThenHearItsEnd() {
        Instant opened = clock.instant()
                .plus(Duration.ofDays(30))
                .truncatedTo(ChronoUnit.DAYS)
                .plus(Duration.ofHours(9));
        clock.set(opened);
        String incident = "inc-gateway-told-" + System.nanoTime();
        Counts counts = new Counts(incident, true);
        publish(request(incident + ":opened", incident, NotificationKind.INCIDENT_OPENED, Severity.MEDIUM, opened));
        awaitCounts(counts, Map.of(CommunicationPlan.INTERNAL, 1), "the internal audience at once");

        // Past External's 4 hours in one step (one update for the hours missed): Customers hear nothing; the
        // commander is asked, once, to decide whether they should.
        clock.set(opened.plus(Duration.ofHours(5)));
        Map<String, Integer> expected =
                new HashMap<>(Map.of(CommunicationPlan.INTERNAL, 3, CommunicationPlan.EXTERNAL, 1));
        awaitCounts(counts, expected, "an update, the commander's reminder and External's first notice");
        holdsAt(counts, expected, "no word to Customers");
        assertThat(counts.internalTexts())
                .filteredOn(text -> text.contains("Reminder") && text.contains("customers"))
                .singleElement()
                .satisfies(text -> assertThat(text).contains("drctl tell " + incident + " --audience customers"));

        String words = "Some of you may have to sign in again; we are restoring the service.";
        NotificationRequest told = tell(incident, "cmd-tell-1", words, opened, CommunicationPlan.CUSTOMERS);
        publish(told);
        publish(told); // redelivered: still once
        expected.merge(CommunicationPlan.CUSTOMERS, 1, Integer::sum);
        awaitCounts(counts, expected, "Customers hear the engineer's words");
        holdsAt(counts, expected, "once, and nobody else hears them");
        assertThat(counts.mails(AudiencePeersResource.CUSTOMERS))
                .singleElement()
                .satisfies(mail -> assertThat(mail.text()).contains(words));

        NotificationRequest nobody = tell(incident, "cmd-tell-2", words, opened, "investors");
        publish(nobody);
        Awaitility.await("the internal channels hear the refusal")
                .atMost(ARRIVAL)
                .until(() -> counts.internalTexts().stream()
                        .anyMatch(text -> text.contains("Not told as asked") && text.contains("investors")));

        clock.set(opened.plus(Duration.ofHours(5)).plusSeconds(30));
        expected.merge(CommunicationPlan.INTERNAL, 2, Integer::sum); // the refusal, then the resolution
        expected.merge(CommunicationPlan.EXTERNAL, 1, Integer::sum);
        expected.merge(CommunicationPlan.CUSTOMERS, 1, Integer::sum);
        publish(request(incident + ":resolved", incident, NotificationKind.INCIDENT_RESOLVED, Severity.MEDIUM, opened));
        awaitCounts(counts, expected, "the resolution, Customers brought in too");
        assertThat(counts.everyText())
                .as("messages delivered")
                .allSatisfy(text -> assertThat(text).doesNotContainIgnoringCase("unknown"));
    }

    private void awaitCounts(Counts counts, Map<String, Integer> expected, String when) {
        Awaitility.await(when)
                .atMost(ARRIVAL)
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(counts.now()).isEqualTo(withZeros(expected)));
    }

    private void holdsAt(Counts counts, Map<String, Integer> expected, String when) {
        Awaitility.await(when)
                .during(QUIET)
                .atMost(QUIET.plusSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(counts.now()).isEqualTo(withZeros(expected)));
    }

    private static Map<String, Integer> withZeros(Map<String, Integer> expected) {
        Map<String, Integer> all = new HashMap<>();
        PLAN.audiences().forEach(a -> all.put(a.name(), expected.getOrDefault(a.name(), 0)));
        return all;
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

    /** An engineer's words for {@code audiences}, as the coordinator hands a {@code drctl tell} on. */
    private static NotificationRequest tell(
            String incident, String command, String words, Instant startedAt, String... audiences) {
        return notification()
                .id(incident + ":told-" + command)
                .incident(incident)
                .kind(NotificationKind.INCIDENT_UPDATED)
                .severity(Severity.MEDIUM)
                .summary(words)
                .startedAt(startedAt)
                .fromCoordinator()
                .audiences(audiences)
                .build();
    }

    /** A request as the coordinator sends it for a gateway incident: the notifier fills the rest. */
    private static NotificationRequest request(
            String id, String incident, NotificationKind kind, Severity severity, Instant startedAt) {
        return notification()
                .id(id)
                .incident(incident)
                .kind(kind)
                .severity(severity)
                .summary("gateway /health failed twice (gateway-0 10.0.0.12: connection refused)")
                .startedAt(startedAt)
                .fromCoordinator()
                .build();
    }

    /** What each audience received of one incident, counted at its channel. */
    private static final class Counts {

        private final String incident;
        private final boolean countInternal;

        Counts(String incident, boolean countInternal) {
            this.incident = incident;
            this.countInternal = countInternal;
        }

        Map<String, Integer> now() {
            Map<String, Integer> counts = new HashMap<>();
            counts.put(CommunicationPlan.INTERNAL, countInternal ? internal().size() : 0);
            counts.put(CommunicationPlan.EXTERNAL, pageUpdates());
            counts.put(
                    CommunicationPlan.LEADERSHIP,
                    mails(AudiencePeersResource.LEADERSHIP).size());
            counts.put(
                    CommunicationPlan.CUSTOMERS,
                    mails(AudiencePeersResource.CUSTOMERS).size());
            return counts;
        }

        /** The latest cadence update posted internally. */
        String lastInternal() {
            List<String> updates = internal().stream()
                    .filter(body -> body.contains("no change since the last message"))
                    .toList();
            return updates.isEmpty() ? "" : updates.get(updates.size() - 1);
        }

        StatuspageStub.Incident page() {
            List<StatuspageStub.Incident> pages = PageMarkers.pagesOf(AudiencePeersResource.statuspage(), incident);
            assertThat(pages).as("one page incident for this incident").hasSize(1);
            return pages.get(0);
        }

        List<String> everyText() {
            List<String> texts = new ArrayList<>(internal());
            mails("@").forEach(m -> texts.add(m.subject() + "\n" + m.text()));
            if (pageUpdates() > 0) {
                page().updates().forEach(u -> texts.add(u.body()));
                texts.add(page().name());
            }
            return texts;
        }

        /** Every internal message of the incident, its notices included. */
        List<String> internalTexts() {
            return internal();
        }

        private List<String> internal() {
            return ChannelStubsResource.slack().accepted().stream()
                    .map(RecordedRequest::body)
                    .filter(body -> body.contains(incident))
                    .toList();
        }

        private int pageUpdates() {
            List<StatuspageStub.Incident> pages = PageMarkers.pagesOf(AudiencePeersResource.statuspage(), incident);
            return pages.stream().mapToInt(page -> page.updates().size()).sum();
        }

        List<SmtpServer.Message> mails(String recipient) {
            Supplier<List<SmtpServer.Message>> all =
                    () -> AudiencePeersResource.smtp().messages();
            return all.get().stream()
                    .filter(m -> (m.subject().contains(incident) || m.text().contains(incident))
                            && m.recipients().contains(recipient))
                    .toList();
        }
    }
}
