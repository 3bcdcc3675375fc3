package io.mcpbridge.dr.notifier.tracking;

import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.notifier.plan.Audience;
import io.mcpbridge.dr.notifier.plan.Cell;
import io.mcpbridge.dr.notifier.plan.CommunicationPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the notifier must remember about telling people of one incident, kept in the delivery ledger so a
 * restart or another instance carries on where this one stopped: each audience's obligation (due at, sent at),
 * the incident's news so far and the promised time of the next update.
 *
 * @param incidentId   the incident
 * @param severity     the highest severity it was reported with; decides the deadlines
 * @param openedAt     when it started (deadlines count from here)
 * @param resolvedAt   when its resolution was requested; null while open
 * @param news         how many of the incident's own changes were requested (opened, recovering, escalated, ...)
 * @param latest       the latest of them: what the audiences hear next
 * @param nextUpdateAt when the next update is promised; null when none is (resolved, or no cadence)
 * @param updates      how many cadence updates were due so far
 * @param applied      the ids of the last requests taken in, so a redelivered one is not news twice
 * @param audiences    per audience, what it was told
 * @param asked        engineers' requests to tell audiences now, while some of their audiences wait
 */
public record IncidentCommunication(
        String incidentId,
        Severity severity,
        Instant openedAt,
        Instant resolvedAt,
        int news,
        NotificationRequest latest,
        Instant nextUpdateAt,
        int updates,
        List<String> applied,
        Map<String, AudienceState> audiences,
        List<EngineerTell> asked) {

    private static final int APPLIED_KEPT = 64;

    public IncidentCommunication {
        applied = applied == null ? List.of() : List.copyOf(applied);
        audiences = audiences == null ? Map.of() : Map.copyOf(audiences);
        asked = asked == null ? List.of() : List.copyOf(asked);
    }

    /** Whether this request starts the tracking of an incident: only an opened one does. */
    public static boolean opens(NotificationRequest request) {
        return request.kind() == NotificationKind.INCIDENT_OPENED;
    }

    /** Whether the request is news of an incident (the other kinds are operations notices). */
    public static boolean isIncidentNews(NotificationRequest request) {
        return switch (request.kind()) {
            case INCIDENT_OPENED, INCIDENT_UPDATED, INCIDENT_ESCALATED, INCIDENT_RESOLVED -> true;
            default -> false;
        };
    }

    public static IncidentCommunication opened(NotificationRequest request, CommunicationPlan plan, Instant now) {
        Instant openedAt = request.startedAt() != null ? request.startedAt() : now;
        IncidentCommunication fresh = new IncidentCommunication(
                request.incidentId(),
                request.severity(),
                openedAt,
                null,
                0,
                request,
                null,
                0,
                List.of(),
                Map.of(),
                List.of());
        return fresh.withDeadlines(plan, request.severity()).apply(request, plan, now);
    }

    public boolean resolved() {
        return resolvedAt != null;
    }

    public boolean hasApplied(String requestId) {
        return applied.contains(requestId);
    }

    /**
     * This incident with one more request taken in: it is the latest news, a more severe report brings the
     * deadlines of audiences not yet told forward, a resolution stops the updates, and any news moves the next
     * update one cadence on (people just heard).
     */
    public IncidentCommunication apply(NotificationRequest request, CommunicationPlan plan, Instant now) {
        if (hasApplied(request.id())) {
            return this;
        }
        IncidentCommunication next = this;
        if (request.severity() != null && request.severity().compareTo(severity) < 0) {
            next = next.withDeadlines(plan, request.severity());
        }
        List<String> ids = appliedWith(request.id());
        boolean resolution = request.kind() == NotificationKind.INCIDENT_RESOLVED;
        Instant resolved = resolvedAt != null ? resolvedAt : resolution ? now : null;
        Duration cadence = plan.cadence(next.severity);
        Instant nextUpdate = resolved != null || cadence.isZero() ? null : now.plus(cadence);
        Change change = next.change();
        change.resolvedAt = resolved;
        change.news = news + 1;
        change.latest = request;
        change.nextUpdateAt = nextUpdate;
        change.applied = ids;
        return change.done();
    }

    /** The promised update came due: one more, and the next promised one cadence after the promise. */
    public IncidentCommunication updateDue(CommunicationPlan plan, Instant now) {
        Duration cadence = plan.cadence(severity);
        Instant next = nextUpdateAt.plus(cadence);
        if (!next.isAfter(now)) {
            next = now.plus(cadence); // far behind (the notifier was down): promise afresh rather than catch up
        }
        Change change = change();
        change.nextUpdateAt = next;
        change.updates = updates + 1;
        return change.done();
    }

    public IncidentCommunication with(String audience, AudienceState state) {
        Map<String, AudienceState> changed = new LinkedHashMap<>(audiences);
        changed.put(audience, state);
        Change change = change();
        change.audiences = changed;
        return change.done();
    }

    /**
     * This incident with an engineer's request to tell audiences now taken in (once, whatever the redelivery). It
     * is not the incident's news: the audiences it names hear it, the others nothing.
     */
    public IncidentCommunication ask(NotificationRequest request) {
        if (hasApplied(request.id())) {
            return this;
        }
        List<EngineerTell> pending = new ArrayList<>(asked);
        pending.add(new EngineerTell(request, request.audiences()));
        Change change = change();
        change.applied = appliedWith(request.id());
        change.asked = pending;
        return change.done();
    }

    /** The engineer's request {@code askedId} reached {@code audience}; a request nobody waits for is dropped. */
    public IncidentCommunication toldAsked(String askedId, String audience) {
        List<EngineerTell> pending = asked.stream()
                .map(tell -> tell.id().equals(askedId) ? tell.told(audience) : tell)
                .filter(tell -> !tell.waiting().isEmpty())
                .toList();
        Change change = change();
        change.asked = pending;
        return change.done();
    }

    public AudienceState state(String audience) {
        return audiences.getOrDefault(audience, AudienceState.due(null));
    }

    private List<String> appliedWith(String requestId) {
        List<String> ids = new ArrayList<>(applied);
        ids.add(requestId);
        return ids.size() > APPLIED_KEPT ? ids.subList(ids.size() - APPLIED_KEPT, ids.size()) : ids;
    }

    private IncidentCommunication withDeadlines(CommunicationPlan plan, Severity newSeverity) {
        Map<String, AudienceState> states = new LinkedHashMap<>(audiences);
        for (Audience audience : plan.audiences()) {
            Cell cell = audience.cell(newSeverity);
            AudienceState state = states.getOrDefault(audience.name(), AudienceState.due(null));
            if (!state.told()) {
                Instant due = cell.hasDeadline()
                        ? openedAt.plus(cell.deadline())
                        : cell.kind() == Cell.Kind.DIGEST ? cell.nextDigestAt(openedAt) : null;
                states.put(audience.name(), state.dueBy(due));
            }
        }
        Change change = change();
        change.severity = newSeverity;
        change.audiences = states;
        return change.done();
    }

    private Change change() {
        return new Change(this);
    }

    /** A copy of a record with some fields set anew: each change names only what it changes. */
    private static final class Change {
        private final String incidentId;
        private final Instant openedAt;
        private Severity severity;
        private Instant resolvedAt;
        private int news;
        private NotificationRequest latest;
        private Instant nextUpdateAt;
        private int updates;
        private List<String> applied;
        private Map<String, AudienceState> audiences;
        private List<EngineerTell> asked;

        Change(IncidentCommunication from) {
            incidentId = from.incidentId;
            openedAt = from.openedAt;
            severity = from.severity;
            resolvedAt = from.resolvedAt;
            news = from.news;
            latest = from.latest;
            nextUpdateAt = from.nextUpdateAt;
            updates = from.updates;
            applied = from.applied;
            audiences = from.audiences;
            asked = from.asked;
        }

        IncidentCommunication done() {
            return new IncidentCommunication(
                    incidentId,
                    severity,
                    openedAt,
                    resolvedAt,
                    news,
                    latest,
                    nextUpdateAt,
                    updates,
                    applied,
                    audiences,
                    asked);
        }
    }
}
