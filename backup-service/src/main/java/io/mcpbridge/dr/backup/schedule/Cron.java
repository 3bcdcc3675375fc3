package io.mcpbridge.dr.backup.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/** The schedules' cron expressions (Quartz, as the scheduler reads them), or {@code off}. */
final class Cron {

    private static final CronParser QUARTZ =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private Cron() {}

    /** When the schedule runs, or empty when it is off. */
    static Optional<ExecutionTime> times(String cron) {
        if (cron == null || cron.isBlank() || "off".equalsIgnoreCase(cron.strip())) {
            return Optional.empty();
        }
        return Optional.of(ExecutionTime.forCron(QUARTZ.parse(cron.strip())));
    }

    /** The schedule's latest due time at or before {@code now}, in {@code zone} (the scheduler's). */
    static Optional<Instant> lastDue(String cron, Instant now, ZoneId zone) {
        ZonedDateTime at = now.atZone(zone);
        return times(cron)
                .flatMap(times -> times.isMatch(at.withNano(0)) ? Optional.of(at.withNano(0)) : times.lastExecution(at))
                .map(ZonedDateTime::toInstant);
    }
}
