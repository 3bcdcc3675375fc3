package io.mcpbridge.dr.notifier.routing;

import static io.mcpbridge.dr.notifier.routing.ChannelAction.CONSOLE;
import static io.mcpbridge.dr.notifier.routing.ChannelAction.PAGERDUTY_CHANGE;
import static io.mcpbridge.dr.notifier.routing.ChannelAction.PAGERDUTY_RESOLVE;
import static io.mcpbridge.dr.notifier.routing.ChannelAction.PAGERDUTY_TRIGGER;
import static io.mcpbridge.dr.notifier.routing.ChannelAction.SLACK_DIGEST;
import static io.mcpbridge.dr.notifier.routing.ChannelAction.SLACK_POST;
import static io.mcpbridge.dr.notifier.support.Notifications.notification;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.notifier.plan.Audience;
import io.mcpbridge.dr.notifier.plan.Cell;
import io.mcpbridge.dr.notifier.plan.CommunicationPlan;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The plan's communication matrix, as a table. */
class CommunicationMatrixTest {

    static Stream<Arguments> matrix() {
        return Stream.of(
                row(Severity.CRITICAL, NotificationKind.INCIDENT_OPENED, CONSOLE, SLACK_POST, PAGERDUTY_TRIGGER),
                row(Severity.CRITICAL, NotificationKind.INCIDENT_UPDATED, CONSOLE, SLACK_POST),
                row(Severity.CRITICAL, NotificationKind.INCIDENT_ESCALATED, CONSOLE, SLACK_POST, PAGERDUTY_TRIGGER),
                row(Severity.CRITICAL, NotificationKind.INCIDENT_RESOLVED, CONSOLE, SLACK_POST, PAGERDUTY_RESOLVE),
                // The plan's flowchart sends High to on-call: it pages on open too.
                row(Severity.HIGH, NotificationKind.INCIDENT_OPENED, CONSOLE, SLACK_POST, PAGERDUTY_TRIGGER),
                row(Severity.HIGH, NotificationKind.INCIDENT_ESCALATED, CONSOLE, SLACK_POST, PAGERDUTY_TRIGGER),
                row(Severity.HIGH, NotificationKind.INCIDENT_RESOLVED, CONSOLE, SLACK_POST, PAGERDUTY_RESOLVE),
                row(Severity.MEDIUM, NotificationKind.INCIDENT_OPENED, CONSOLE, SLACK_POST),
                row(Severity.MEDIUM, NotificationKind.INCIDENT_ESCALATED, CONSOLE, SLACK_POST),
                row(Severity.MEDIUM, NotificationKind.INCIDENT_RESOLVED, CONSOLE, SLACK_POST, PAGERDUTY_RESOLVE),
                row(Severity.LOW, NotificationKind.INCIDENT_OPENED, CONSOLE, SLACK_DIGEST),
                row(Severity.HIGH, NotificationKind.BACKUP_FAILED, CONSOLE, SLACK_POST, PAGERDUTY_CHANGE),
                // Drills announce themselves: posted whatever the severity, a change event, never a page.
                row(Severity.LOW, NotificationKind.DRILL_STARTED, CONSOLE, SLACK_POST, PAGERDUTY_CHANGE),
                row(Severity.LOW, NotificationKind.DRILL_REPORT, CONSOLE, SLACK_POST, PAGERDUTY_CHANGE),
                row(Severity.CRITICAL, NotificationKind.DRILL_REPORT, CONSOLE, SLACK_POST, PAGERDUTY_CHANGE));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("matrix")
    void followsThePlan(Severity severity, NotificationKind kind, Set<ChannelAction> expected) {
        assertThat(CommunicationMatrix.PLAN.actions(
                        notification().severity(severity).kind(kind).build()))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theInternalAudiencesCellsDecideWhatIsPostedAndWhatWaitsForTheDigest() {
        Map<Severity, Cell> cells = new EnumMap<>(Severity.class);
        cells.put(Severity.CRITICAL, Cell.parse("Immediate"));
        cells.put(Severity.HIGH, Cell.parse("15 min"));
        cells.put(Severity.MEDIUM, Cell.parse("Daily"));
        cells.put(Severity.LOW, Cell.parse("1 hour"));
        CommunicationMatrix matrix = CommunicationMatrix.forInternal(
                new Audience(CommunicationPlan.INTERNAL, List.of("slack"), false, cells),
                EnumSet.of(Severity.CRITICAL),
                EnumSet.of(Severity.CRITICAL));

        assertThat(matrix.actions(notification()
                        .severity(Severity.LOW)
                        .kind(NotificationKind.INCIDENT_OPENED)
                        .build()))
                .contains(SLACK_POST)
                .doesNotContain(SLACK_DIGEST, PAGERDUTY_TRIGGER);
        assertThat(matrix.actions(notification()
                        .severity(Severity.MEDIUM)
                        .kind(NotificationKind.INCIDENT_OPENED)
                        .build()))
                .contains(SLACK_DIGEST)
                .doesNotContain(SLACK_POST);
    }

    @Test
    void thePlansInternalCellsGiveThePlansMatrix() {
        CommunicationMatrix fromCells = CommunicationMatrix.forInternal(
                CommunicationPlan.PLAN.internal(),
                EnumSet.of(Severity.CRITICAL, Severity.HIGH),
                EnumSet.of(Severity.CRITICAL, Severity.HIGH));
        matrix().forEach(row -> {
            Object[] args = row.get();
            NotificationRequest request = notification()
                    .severity((Severity) args[0])
                    .kind((NotificationKind) args[1])
                    .build();
            assertThat(fromCells.actions(request)).as(args[0] + " " + args[1]).isEqualTo(args[2]);
        });
    }

    private static Arguments row(Severity severity, NotificationKind kind, ChannelAction first, ChannelAction... rest) {
        return Arguments.of(severity, kind, EnumSet.of(first, rest));
    }
}
