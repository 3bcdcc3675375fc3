package io.mcpbridge.dr.notifier.tracking;

import io.mcpbridge.dr.notifier.ownership.NotifyOwnership;
import io.mcpbridge.dr.notifier.plan.Audience;
import io.mcpbridge.dr.notifier.plan.Cell;
import io.mcpbridge.dr.notifier.plan.CommunicationPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plan's "Daily" and "Weekly" cells for the audiences other than Internal (whose Slack digest is its own):
 * which incidents each audience's digest carries now. One digest per audience and period, sent by the instance
 * that owns the key {@code digest:<audience>}, so replicas never send it twice.
 */
public final class Digests {

    /**
     * A digest that is due.
     *
     * @param audience  whom it is for
     * @param period    a day or a week
     * @param incidents what it carries: incidents whose digest time has come and that the audience has not heard of
     * @param at        the latest digest time among them: the digest's name
     */
    public record Due(Audience audience, Duration period, List<IncidentCommunication> incidents, Instant at) {

        /** The same digest has the same id on every instance and after a restart. */
        public String id() {
            return "digest-" + audience.name() + "-" + period.toDays() + "d-" + at.getEpochSecond();
        }

        /** The ownership key of the audience's digests. */
        public static String ownerKey(Audience audience) {
            return NotifyOwnership.digestKey(audience.name());
        }
    }

    private Digests() {}

    public static List<Due> due(Collection<IncidentCommunication> records, CommunicationPlan plan, Instant now) {
        List<Due> due = new ArrayList<>();
        for (Audience audience : plan.audiences()) {
            if (audience.name().equals(CommunicationPlan.INTERNAL)) {
                continue;
            }
            Map<Duration, List<IncidentCommunication>> byPeriod = new TreeMap<>();
            for (IncidentCommunication record : records) {
                Cell cell = audience.cell(record.severity());
                AudienceState state = record.state(audience.name());
                if (cell.kind() == Cell.Kind.DIGEST
                        && !state.told()
                        && state.dueAt() != null
                        && !now.isBefore(state.dueAt())) {
                    byPeriod.computeIfAbsent(cell.deadline(), p -> new ArrayList<>())
                            .add(record);
                }
            }
            byPeriod.forEach((period, incidents) -> due.add(new Due(
                    audience,
                    period,
                    incidents.stream()
                            .sorted((a, b) -> a.openedAt().compareTo(b.openedAt()))
                            .toList(),
                    incidents.stream()
                            .map(r -> r.state(audience.name()).dueAt())
                            .max(Instant::compareTo)
                            .orElseThrow())));
        }
        return due;
    }
}
