package io.mcpbridge.dr.drctl.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a team shows an auditor: every drill and incident of a period, oldest first, and for each drill type and
 * each component how many there were and how many met their targets.
 *
 * @param from    the start of the period
 * @param to      when the report was made
 * @param summary one line per drill type and per component
 * @param records every recovery of the period, oldest first
 */
public record RecoveryReport(Instant from, Instant to, List<Summary> summary, List<RecoveryRecord> records) {

    /**
     * @param kind    {@code drill} or {@code incident}
     * @param subject the drill type or the component
     * @param count   how many
     * @param passed  drills that passed; incidents resolved within their RTO target
     * @param last    the newest one's start
     */
    public record Summary(String kind, String subject, int count, int passed, Instant last) {}

    public static RecoveryReport of(Instant from, Instant to, List<RecoveryRecord> records) {
        Map<String, Summary> summaries = new LinkedHashMap<>();
        for (RecoveryRecord record : records) {
            summaries.merge(
                    record.kind() + " " + record.subject(),
                    new Summary(record.kind(), record.subject(), 1, record.passed() ? 1 : 0, record.at()),
                    (one, other) -> new Summary(
                            one.kind(),
                            one.subject(),
                            one.count() + other.count(),
                            one.passed() + other.passed(),
                            one.last().isAfter(other.last()) ? one.last() : other.last()));
        }
        return new RecoveryReport(from, to, new ArrayList<>(summaries.values()), records);
    }
}
