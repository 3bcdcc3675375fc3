package io.mcpbridge.dr.notifier.routing;

import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.notifier.plan.Audience;
import io.mcpbridge.dr.notifier.plan.Cell;
import java.util.EnumSet;
import java.util.Set;

/**
 * The plan's communication matrix as a decision: which channels hear of a notification.
 *
 * <ul>
 *   <li>CRITICAL and HIGH: post at once and page (trigger on open and on escalation, as the plan's flowchart
 *       sends High to on-call; updates only post, so a storm of updates pages once per incident);</li>
 *   <li>MEDIUM: post;</li>
 *   <li>LOW: no immediate post, but a line in the next Slack digest (at most one a day by default);</li>
 *   <li>a resolution always resolves the incident's page (a resolve for an alert never triggered is
 *       harmless, and the incident may have paged at a higher severity);</li>
 *   <li>backups, restores and drills are PagerDuty change events, which page no one;</li>
 *   <li>what needs attention without being an incident (a DEGRADED target, refused records) is posted or
 *       digested by its severity and never pages.</li>
 * </ul>
 * The console hears of everything. Disabled channels are filtered out by the caller. Each severity set is
 * configurable (posting and digests by the internal audience's cells, {@code mcpdr.notifier.plan.audiences.internal.*};
 * paging by {@code mcpdr.notifier.routing.*}); the defaults are the plan's.
 */
public final class CommunicationMatrix {

    /** The plan's matrix. */
    public static final CommunicationMatrix PLAN = new CommunicationMatrix(
            EnumSet.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM), EnumSet.of(Severity.LOW),
            EnumSet.of(Severity.CRITICAL, Severity.HIGH), EnumSet.of(Severity.CRITICAL, Severity.HIGH));

    private final Set<Severity> post;
    private final Set<Severity> digest;
    private final Set<Severity> pageOnOpen;
    private final Set<Severity> pageOnEscalation;

    /**
     * The internal audience's matrix: severities whose cell is a deadline are posted at once, those whose cell is
     * a digest wait for the Slack digest; pages by the given severities.
     */
    public static CommunicationMatrix forInternal(
            Audience internal, Set<Severity> pageOnOpen, Set<Severity> pageOnEscalation) {
        Set<Severity> post = EnumSet.noneOf(Severity.class);
        Set<Severity> digest = EnumSet.noneOf(Severity.class);
        for (Severity severity : Severity.values()) {
            Cell cell = internal.cell(severity);
            if (cell.hasDeadline()) {
                post.add(severity);
            } else if (cell.kind() == Cell.Kind.DIGEST) {
                digest.add(severity);
            }
        }
        return new CommunicationMatrix(post, digest, pageOnOpen, pageOnEscalation);
    }

    public CommunicationMatrix(
            Set<Severity> post, Set<Severity> digest, Set<Severity> pageOnOpen, Set<Severity> pageOnEscalation) {
        this.post = Set.copyOf(post);
        this.digest = Set.copyOf(digest);
        this.pageOnOpen = Set.copyOf(pageOnOpen);
        this.pageOnEscalation = Set.copyOf(pageOnEscalation);
    }

    public Set<ChannelAction> actions(NotificationRequest request) {
        Set<ChannelAction> actions = EnumSet.of(ChannelAction.CONSOLE);
        Severity severity = request.severity();
        if (post.contains(severity)) {
            actions.add(ChannelAction.SLACK_POST);
        } else if (digest.contains(severity)) {
            actions.add(ChannelAction.SLACK_DIGEST);
        }
        switch (request.kind()) {
            case INCIDENT_OPENED -> {
                if (pageOnOpen.contains(severity)) {
                    actions.add(ChannelAction.PAGERDUTY_TRIGGER);
                }
            }
            case INCIDENT_UPDATED -> {
                // posted only: the page already went out when the incident opened
            }
            case INCIDENT_ESCALATED -> {
                if (pageOnEscalation.contains(severity)) {
                    actions.add(ChannelAction.PAGERDUTY_TRIGGER);
                }
            }
            case INCIDENT_RESOLVED -> {
                // Always: the incident may have paged at a higher severity than it resolves with, and a
                // resolve for an alert never triggered is harmless.
                actions.add(ChannelAction.PAGERDUTY_RESOLVE);
            }
            case BACKUP_FAILED, RESTORE_COMPLETED -> actions.add(ChannelAction.PAGERDUTY_CHANGE);
            case ATTENTION -> {
                // Posted or digested by its severity (MEDIUM or LOW), never a page, at any hour.
            }
            case DRILL_STARTED, DRILL_REPORT -> {
                // A drill announces itself whatever its severity: posted (never only in a digest, so whoever
                // sees the DOWN it causes sees why) and a PagerDuty change event, which pages nobody.
                actions.remove(ChannelAction.SLACK_DIGEST);
                actions.add(ChannelAction.SLACK_POST);
                actions.add(ChannelAction.PAGERDUTY_CHANGE);
            }
        }
        return actions;
    }
}
