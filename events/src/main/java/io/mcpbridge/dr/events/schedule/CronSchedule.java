package io.mcpbridge.dr.events.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The services' schedules: cron expressions as Quarkus' scheduler reads them (Quartz, with seconds), or
 * {@code off}. Shared so that whoever fires a schedule and whoever checks a period was taken agree on its times.
 */
public final class CronSchedule {

    private static final CronParser QUARTZ =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private CronSchedule() {}

    /**
     * When the schedule runs, or empty when it is off.
     *
     * @throws IllegalArgumentException when it is neither {@code off} nor a Quartz cron expression
     */
    public static Optional<ExecutionTime> times(String cron) {
        if (cron == null || cron.isBlank() || "off".equalsIgnoreCase(cron.strip())) {
            return Optional.empty();
        }
        return Optional.of(ExecutionTime.forCron(QUARTZ.parse(cron.strip())));
    }

    /** The schedule's latest due time at or before {@code now}, in {@code zone} (the scheduler's). */
    public static Optional<Instant> lastDue(String cron, Instant now, ZoneId zone) {
        ZonedDateTime at = now.atZone(zone);
        return times(cron)
                .flatMap(times -> times.isMatch(at.withNano(0)) ? Optional.of(at.withNano(0)) : times.lastExecution(at))
                .map(ZonedDateTime::toInstant);
    }

    /**
     * The longest gap between two runs of the schedule over a week from a fixed instant (a schedule such as "at
     * 02:00 and 03:00" has unequal gaps: the longest is what matters), or empty when it is off.
     */
    public static Optional<Duration> period(String cron) {
        Optional<ExecutionTime> schedule = times(cron);
        if (schedule.isEmpty()) {
            return Optional.empty();
        }
        ExecutionTime times = schedule.get();
        ZonedDateTime start = ZonedDateTime.of(2026, 1, 5, 0, 0, 0, 0, ZoneOffset.UTC);
        ZonedDateTime end = start.plusWeeks(1);
        ZonedDateTime previous = times.nextExecution(start).orElse(null);
        Duration longest = Duration.ZERO;
        while (previous != null && previous.isBefore(end)) {
            ZonedDateTime next = times.nextExecution(previous).orElse(null);
            if (next == null) {
                break;
            }
            Duration gap = Duration.between(previous, next);
            longest = gap.compareTo(longest) > 0 ? gap : longest;
            previous = next;
        }
        if (longest.isZero() && previous != null) {
            // Fewer than two runs in a week (monthly, quarterly): the gap to the run after the first.
            ZonedDateTime first = previous;
            longest = times.nextExecution(first)
                    .map(next -> Duration.between(first, next))
                    .orElse(Duration.ZERO);
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }
}
