package io.mcpbridge.dr.notifier.tracking;

import java.time.Instant;

/**
 * What one audience has been told of one incident.
 *
 * @param dueAt       by when it must first hear: its deadline, or when its digest goes out (null: as needed, not
 *                    required)
 * @param sentAt      when its first notice was accepted by every channel that reaches it; null until then
 * @param newsSent    the incident's news it has heard up to (see {@link IncidentCommunication#news()})
 * @param updatesSent the cadence updates it has heard up to
 * @param remindedAt  when the commander was reminded that it had not heard by its deadline
 */
public record AudienceState(Instant dueAt, Instant sentAt, int newsSent, int updatesSent, Instant remindedAt) {

    public static AudienceState due(Instant dueAt) {
        return new AudienceState(dueAt, null, 0, 0, null);
    }

    public boolean told() {
        return sentAt != null;
    }

    public AudienceState told(Instant at, int news, int updates) {
        return new AudienceState(dueAt, sentAt == null ? at : sentAt, news, updates, remindedAt);
    }

    AudienceState reminded(Instant at) {
        return new AudienceState(dueAt, sentAt, newsSent, updatesSent, at);
    }

    AudienceState dueBy(Instant at) {
        return new AudienceState(at, sentAt, newsSent, updatesSent, remindedAt);
    }
}
