package io.mcpbridge.dr.notifier.tracking;

import io.mcpbridge.dr.notifier.plan.Audience;
import io.mcpbridge.dr.notifier.plan.Cell;
import io.mcpbridge.dr.notifier.plan.CommunicationPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * What an incident's communication calls for now, decided from its record alone (so a restart or another instance
 * decides the same): the promised update, each audience's first notice, news and updates, and reminders of
 * deadlines passed.
 */
public final class Obligations {

    /** One thing to do. */
    public sealed interface Step {

        /** The step's name within its incident, e.g. {@code leadership|news-2}: one in flight at a time. */
        String key();
    }

    /** The promised update is due: count it (the record moves on), then tell those already told. */
    public record UpdateDue() implements Step {
        @Override
        public String key() {
            return "update-due";
        }
    }

    /**
     * Tell an audience: its first notice, the latest news, a cadence update, or an engineer's words.
     *
     * @param audience the audience
     * @param first    whether it is the audience's first notice
     * @param news     the incident's news count the message carries
     * @param update   the cadence update it is, or 0 for news
     * @param asked    the id of the engineer's request it delivers ({@link EngineerTell}); null for the plan's
     */
    public record Tell(Audience audience, boolean first, int news, int update, String asked) implements Step {

        /** A message the plan calls for. */
        public Tell(Audience audience, boolean first, int news, int update) {
            this(audience, first, news, update, null);
        }

        @Override
        public String key() {
            return audience.name() + "|" + messageId("");
        }

        /** The message's id: the same message has the same id on every instance. */
        public String messageId(String incidentId) {
            if (asked != null) {
                return asked; // the engineer's request has an id of its own, unique across incidents
            }
            return incidentId + (update > 0 ? ":update-" + update : ":news-" + news);
        }
    }

    /**
     * Remind the incident commander of an audience: it was not told by its deadline, or (an "As needed" cell) only
     * a person can decide that it should hear, and the incident has lasted long enough to decide.
     *
     * @param audience the audience
     * @param why      what stands in the way, or what to decide
     * @param at       the deadline passed, or when the decision fell due
     */
    public record Remind(Audience audience, String why, Instant at) implements Step {
        @Override
        public String key() {
            return audience.name() + "|remind";
        }
    }

    private Obligations() {}

    /**
     * @param reachable whether a channel (first) is switched on and reaches an audience (second)
     * @param grace     how long past its deadline an audience whose channels are failing may go before its
     *                  commander is reminded (one that no channel reaches: at the deadline)
     */
    public static List<Step> due(
            IncidentCommunication record,
            CommunicationPlan plan,
            Instant now,
            BiPredicate<String, String> reachable,
            Duration grace) {
        if (!record.resolved() && record.nextUpdateAt() != null && !now.isBefore(record.nextUpdateAt())) {
            return List.of(new UpdateDue());
        }
        List<Step> steps = new ArrayList<>();
        for (Audience audience : plan.audiences()) {
            AudienceState state = record.state(audience.name());
            Cell cell = audience.cell(record.severity());
            boolean internal = audience.name().equals(CommunicationPlan.INTERNAL);
            boolean reached = reaches(audience, reachable);
            if (cell.kind() == Cell.Kind.AS_NEEDED && !state.told()) {
                asNeeded(record, plan, audience, now).ifPresent(steps::add);
                continue;
            }
            if (cell.kind() == Cell.Kind.DIGEST || (!cell.hasDeadline() && !state.told())) {
                // A digest tells it (see Digests), or nobody does until an engineer does (then it hears the rest).
                continue;
            }
            if (!state.told()) {
                if (state.dueAt() == null) {
                    continue;
                }
                boolean due = record.resolved() || !audience.waitsForDeadline() || !now.isBefore(state.dueAt());
                // The internal audience hears each request through the matrix; the tracker only watches its deadline.
                if (!internal && reached && due) {
                    steps.add(new Tell(audience, true, record.news(), 0));
                }
                Instant remindAt = reached ? state.dueAt().plus(grace) : state.dueAt();
                if (state.remindedAt() == null && !now.isBefore(remindAt)) {
                    steps.add(new Remind(
                            audience,
                            reached
                                    ? "its channels (" + String.join(", ", audience.channels())
                                            + ") have not accepted the notice"
                                    : "no channel reaches it, so a person must tell it",
                            state.dueAt()));
                }
            } else if (!internal && state.newsSent() < record.news()) {
                steps.add(new Tell(audience, false, record.news(), 0));
            } else if (!record.resolved() && state.updatesSent() < record.updates()) {
                steps.add(new Tell(audience, false, record.news(), record.updates()));
            }
        }
        for (EngineerTell asked : record.asked()) {
            for (String name : asked.waiting()) {
                // Checked when it was asked; an audience since taken out of the plan or out of reach waits.
                plan.audience(name)
                        .filter(audience -> reaches(audience, reachable))
                        .ifPresent(audience -> steps.add(
                                new Tell(audience, !record.state(name).told(), record.news(), 0, asked.id())));
            }
        }
        return steps;
    }

    /**
     * "As needed": the audience hears only if a person decides it should. Nobody is asked at once (most incidents
     * end quickly); one still open after its first update period is worth the decision, so its commander is
     * reminded once, then.
     */
    private static Optional<Step> asNeeded(
            IncidentCommunication record, CommunicationPlan plan, Audience audience, Instant now) {
        Duration cadence = plan.cadence(record.severity());
        if (record.resolved()
                || cadence.isZero()
                || record.state(audience.name()).remindedAt() != null) {
            return Optional.empty();
        }
        Instant decideBy = record.openedAt().plus(cadence);
        if (now.isBefore(decideBy)) {
            return Optional.empty();
        }
        return Optional.of(new Remind(
                audience,
                "it hears only if a person decides it should: drctl tell " + record.incidentId() + " --audience "
                        + audience.name() + " --message '...'",
                decideBy));
    }

    private static boolean reaches(Audience audience, BiPredicate<String, String> reachable) {
        return audience.channels().stream().anyMatch(channel -> reachable.test(channel, audience.name()));
    }
}
