package io.mcpbridge.dr.notifier.tracking;

import static io.mcpbridge.dr.notifier.support.Notifications.notification;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.notifier.plan.CommunicationPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/** What an incident's record calls for, decided from the record alone: deadlines, reminders, updates. */
class ObligationsTest {

    private static final Instant OPENED = Instant.parse("2026-12-07T09:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(1);
    private static final CommunicationPlan PLAN = CommunicationPlan.PLAN;

    @Test
    void anAudienceNoChannelReachesIsRemindedToTheCommanderAtItsDeadlineAndNotBefore() {
        IncidentCommunication record = internalTold(IncidentCommunication.opened(request(), PLAN, OPENED));
        BiPredicate<String, String> onlyInternal =
                (channel, audience) -> Set.of("slack", "pagerduty").contains(channel);

        assertThat(due(record, OPENED.plus(Duration.ofMinutes(14)), onlyInternal))
                .as("before External's 15 min")
                .noneMatch(step -> step instanceof Obligations.Remind);
        List<Obligations.Step> at15 = due(record, OPENED.plus(Duration.ofMinutes(15)), onlyInternal);
        assertThat(at15)
                .filteredOn(step -> step instanceof Obligations.Remind)
                .extracting(step -> ((Obligations.Remind) step).audience().name())
                .containsExactly(CommunicationPlan.EXTERNAL);
        assertThat(at15)
                .noneMatch(step -> step instanceof Obligations.Tell tell
                        && tell.audience().name().equals(CommunicationPlan.EXTERNAL));

        IncidentCommunication reminded = record.with(
                CommunicationPlan.EXTERNAL,
                record.state(CommunicationPlan.EXTERNAL).reminded(OPENED.plusSeconds(900)));
        assertThat(due(reminded, OPENED.plus(Duration.ofMinutes(16)), onlyInternal))
                .as("reminded once")
                .noneMatch(step -> step instanceof Obligations.Remind remind
                        && remind.audience().name().equals(CommunicationPlan.EXTERNAL));
    }

    @Test
    void anAudienceWhoseChannelKeepsFailingIsToldAtItsDeadlineAndItsCommanderRemindedAMinuteLater() {
        IncidentCommunication record = internalTold(IncidentCommunication.opened(request(), PLAN, OPENED));
        BiPredicate<String, String> all = (channel, audience) -> true;

        List<Obligations.Step> at15 = due(record, OPENED.plus(Duration.ofMinutes(15)), all);
        assertThat(at15)
                .anyMatch(step -> step instanceof Obligations.Tell tell
                        && tell.first()
                        && tell.audience().name().equals(CommunicationPlan.EXTERNAL));
        assertThat(at15).noneMatch(step -> step instanceof Obligations.Remind);
        assertThat(due(record, OPENED.plus(Duration.ofMinutes(16)), all))
                .anyMatch(step -> step instanceof Obligations.Remind remind
                        && remind.audience().name().equals(CommunicationPlan.EXTERNAL));
    }

    @Test
    void thePromisedUpdateComesFirstThenGoesToThoseToldAndARedeliveredRequestIsNoNews() {
        IncidentCommunication record = IncidentCommunication.opened(request(), PLAN, OPENED);
        record = record.with(
                CommunicationPlan.INTERNAL,
                record.state(CommunicationPlan.INTERNAL).told(OPENED, 1, 0));
        Instant promised = record.nextUpdateAt();
        assertThat(promised).isEqualTo(OPENED.plus(Duration.ofMinutes(15)));

        assertThat(Obligations.due(record, PLAN, promised, (channel, audience) -> true, GRACE))
                .containsExactly(new Obligations.UpdateDue());
        IncidentCommunication updated = record.updateDue(PLAN, promised);
        assertThat(updated.nextUpdateAt()).isEqualTo(promised.plus(Duration.ofMinutes(15)));
        assertThat(Obligations.due(updated, PLAN, promised, (channel, audience) -> true, GRACE))
                .anyMatch(step -> step instanceof Obligations.Tell tell
                        && tell.update() == 1
                        && tell.audience().name().equals(CommunicationPlan.INTERNAL));
        assertThat(updated.apply(request(), PLAN, promised))
                .as("the same request again")
                .isSameAs(updated);
    }

    @Test
    void anEmailListWithoutRecipientsForAnAudienceCountsAsNoChannelReachingIt() {
        IncidentCommunication record = internalTold(IncidentCommunication.opened(request(), PLAN, OPENED));
        BiPredicate<String, String> noCustomerList =
                (channel, audience) -> !(channel.equals("email") && audience.equals(CommunicationPlan.CUSTOMERS));

        List<Obligations.Step> atAnHour = due(record, OPENED.plus(Duration.ofHours(1)), noCustomerList);
        assertThat(atAnHour)
                .as("Customers' hour: the commander hears at once, nothing is tried")
                .anyMatch(step -> step instanceof Obligations.Remind remind
                        && remind.audience().name().equals(CommunicationPlan.CUSTOMERS)
                        && remind.why().contains("no channel reaches it"))
                .noneMatch(step -> step instanceof Obligations.Tell tell
                        && tell.audience().name().equals(CommunicationPlan.CUSTOMERS));
        assertThat(atAnHour)
                .as("Leadership's list is there")
                .anyMatch(step -> step instanceof Obligations.Tell tell
                        && tell.audience().name().equals(CommunicationPlan.LEADERSHIP));
    }

    @Test
    void anAsNeededAudienceHearsOnlyWhenAnEngineerAsksThenHearsTheIncidentsNews() {
        IncidentCommunication record =
                internalTold(IncidentCommunication.opened(request(Severity.MEDIUM), PLAN, OPENED));
        BiPredicate<String, String> all = (channel, audience) -> true;
        Instant later = OPENED.plus(Duration.ofDays(3));
        assertThat(due(record, OPENED.plus(Duration.ofMinutes(59)), all))
                .as("Customers for Medium: As needed, so no deadline; nobody asked within the first hour")
                .noneMatch(step -> step instanceof Obligations.Tell tell
                        && tell.audience().name().equals(CommunicationPlan.CUSTOMERS))
                .noneMatch(step -> step instanceof Obligations.Remind remind
                        && remind.audience().name().equals(CommunicationPlan.CUSTOMERS));
        assertThat(due(record, OPENED.plus(Duration.ofHours(1)), all))
                .as("still open after its first update period: the commander decides")
                .filteredOn(step -> step instanceof Obligations.Remind remind
                        && remind.audience().name().equals(CommunicationPlan.CUSTOMERS))
                .singleElement()
                .satisfies(step -> assertThat(((Obligations.Remind) step).why())
                        .contains("drctl tell inc-1 --audience customers"));
        record = record.with(
                CommunicationPlan.CUSTOMERS,
                record.state(CommunicationPlan.CUSTOMERS).reminded(OPENED.plus(Duration.ofHours(1))));
        assertThat(due(record, later, all))
                .as("asked once; never told by the plan")
                .noneMatch(step -> step instanceof Obligations.Tell tell
                        && tell.audience().name().equals(CommunicationPlan.CUSTOMERS))
                .noneMatch(step -> step instanceof Obligations.Remind remind
                        && remind.audience().name().equals(CommunicationPlan.CUSTOMERS));

        NotificationRequest words = notification()
                .id("inc-1:told-cmd-1")
                .incident("inc-1")
                .kind(NotificationKind.INCIDENT_UPDATED)
                .severity(Severity.MEDIUM)
                .summary("Some sign-ins are slow; we are on it.")
                .audiences(CommunicationPlan.CUSTOMERS)
                .build();
        IncidentCommunication asked = record.ask(words);
        assertThat(asked.ask(words)).as("the same request again").isSameAs(asked);
        assertThat(asked.news())
                .as("an engineer's words are not the incident's news")
                .isEqualTo(record.news());
        List<Obligations.Step> steps = due(asked, later, all);
        assertThat(steps)
                .filteredOn(step -> step instanceof Obligations.Tell)
                .map(step -> (Obligations.Tell) step)
                .filteredOn(tell -> tell.audience().name().equals(CommunicationPlan.CUSTOMERS))
                .singleElement()
                .satisfies(tell -> {
                    assertThat(tell.asked()).isEqualTo(words.id());
                    assertThat(tell.messageId("inc-1")).isEqualTo(words.id());
                    assertThat(Messages.of(asked, tell, later).summary()).isEqualTo(words.summary());
                });

        IncidentCommunication told = asked.toldAsked(words.id(), CommunicationPlan.CUSTOMERS)
                .with(
                        CommunicationPlan.CUSTOMERS,
                        asked.state(CommunicationPlan.CUSTOMERS).told(later, asked.news(), asked.updates()));
        assertThat(told.asked()).isEmpty();
        IncidentCommunication resolved = told.apply(
                notification()
                        .id("inc-1:resolved")
                        .incident("inc-1")
                        .kind(NotificationKind.INCIDENT_RESOLVED)
                        .severity(Severity.MEDIUM)
                        .build(),
                PLAN,
                later.plusSeconds(60));
        assertThat(due(resolved, later.plusSeconds(60), all))
                .as("brought in, Customers hear the resolution")
                .anyMatch(step -> step instanceof Obligations.Tell tell
                        && tell.asked() == null
                        && tell.audience().name().equals(CommunicationPlan.CUSTOMERS));
    }

    /** What is due once the promised update, if that is what is due first, was counted (as the tracker does). */
    private static List<Obligations.Step> due(
            IncidentCommunication record, Instant now, BiPredicate<String, String> reachable) {
        List<Obligations.Step> steps = Obligations.due(record, PLAN, now, reachable, GRACE);
        if (steps.equals(List.of(new Obligations.UpdateDue()))) {
            return Obligations.due(record.updateDue(PLAN, now), PLAN, now, reachable, GRACE);
        }
        return steps;
    }

    /** As the matrix path records it once Slack and PagerDuty took the opening. */
    private static IncidentCommunication internalTold(IncidentCommunication record) {
        return record.with(
                CommunicationPlan.INTERNAL,
                record.state(CommunicationPlan.INTERNAL).told(OPENED, 1, 0));
    }

    private static NotificationRequest request() {
        return request(Severity.CRITICAL);
    }

    private static NotificationRequest request(Severity severity) {
        return notification()
                .id("inc-1:opened")
                .incident("inc-1")
                .kind(NotificationKind.INCIDENT_OPENED)
                .severity(severity)
                .startedAt(OPENED)
                .fromCoordinator()
                .build();
    }
}
