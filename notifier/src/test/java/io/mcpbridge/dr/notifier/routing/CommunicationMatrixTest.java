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
import java.util.EnumSet;
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
                row(Severity.HIGH, NotificationKind.INCIDENT_OPENED, CONSOLE, SLACK_POST),
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
    void aConfiguredMatrixCanPageHighIncidentsAtOnceAndPostLowOnes() {
        CommunicationMatrix eager = new CommunicationMatrix(
                EnumSet.allOf(Severity.class),
                EnumSet.noneOf(Severity.class),
                EnumSet.of(Severity.CRITICAL, Severity.HIGH),
                EnumSet.of(Severity.CRITICAL, Severity.HIGH));

        assertThat(eager.actions(notification()
                        .severity(Severity.HIGH)
                        .kind(NotificationKind.INCIDENT_OPENED)
                        .build()))
                .contains(PAGERDUTY_TRIGGER);
        assertThat(eager.actions(notification()
                        .severity(Severity.LOW)
                        .kind(NotificationKind.INCIDENT_OPENED)
                        .build()))
                .contains(SLACK_POST)
                .doesNotContain(SLACK_DIGEST);
    }

    private static Arguments row(Severity severity, NotificationKind kind, ChannelAction first, ChannelAction... rest) {
        return Arguments.of(severity, kind, EnumSet.of(first, rest));
    }
}
