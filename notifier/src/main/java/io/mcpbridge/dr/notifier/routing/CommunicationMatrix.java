package io.mcpbridge.dr.notifier.routing;

import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import java.util.EnumSet;
import java.util.Set;

/**
 * The plan's communication matrix as a decision: which channels hear of a notification.
 *
 * <ul>
 *   <li>CRITICAL: post at once and page (trigger on open and on escalation; updates only post, so a
 *       storm of updates pages once per incident);</li>
 *   <li>HIGH: post at once, page only on escalation;</li>
 *   <li>MEDIUM: post;</li>
 *   <li>LOW: no immediate post, but a line in the next Slack digest (at most one a day by default);</li>
 *   <li>a resolution resolves the page of CRITICAL and HIGH incidents (a resolve for an alert never
 *       triggered is harmless);</li>
 *   <li>backups, restores and drills are PagerDuty change events, which page no one.</li>
 * </ul>
 * The console hears of everything. Disabled channels are filtered out by the caller.
 */
public final class CommunicationMatrix {

    private CommunicationMatrix() {
    }

    public static Set<ChannelAction> actions(NotificationRequest request) {
        Set<ChannelAction> actions = EnumSet.of(ChannelAction.CONSOLE);
        Severity severity = request.severity();
        NotificationKind kind = request.kind();
        actions.add(severity == Severity.LOW ? ChannelAction.SLACK_DIGEST : ChannelAction.SLACK_POST);
        switch (kind) {
            case INCIDENT_OPENED -> {
                if (severity == Severity.CRITICAL) {
                    actions.add(ChannelAction.PAGERDUTY_TRIGGER);
                }
            }
            case INCIDENT_UPDATED -> {
                // posted only: the page already went out when the incident opened
            }
            case INCIDENT_ESCALATED -> {
                if (severity == Severity.CRITICAL || severity == Severity.HIGH) {
                    actions.add(ChannelAction.PAGERDUTY_TRIGGER);
                }
            }
            case INCIDENT_RESOLVED -> {
                if (severity == Severity.CRITICAL || severity == Severity.HIGH) {
                    actions.add(ChannelAction.PAGERDUTY_RESOLVE);
                }
            }
            case BACKUP_FAILED, RESTORE_COMPLETED, DRILL_REPORT -> actions.add(ChannelAction.PAGERDUTY_CHANGE);
        }
        return actions;
    }
}
