package io.mcpbridge.dr.drctl.report;

import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.drill.DrillResult;
import io.mcpbridge.dr.events.incident.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One recovery, rehearsed or real, as the report shows it: what it was, when, and the RTO and RPO it measured
 * beside their targets.
 *
 * @param kind      {@code drill} or {@code incident}
 * @param id        the drill's or incident's id
 * @param subject   the drill type, or the incident's component
 * @param at        when it started (a drill) or was detected (an incident)
 * @param rto       the recovery time measured; null when none was (a backup verification, an open incident)
 * @param rtoTarget the plan's RTO for its severity
 * @param rpo       the age of the data it recovered or would have recovered; null when unknown
 * @param rpoTarget the maximum backup age of the data concerned; null when backup-service's policy is unknown
 * @param passed    a drill's verdict; for an incident, whether it was resolved within its RTO target
 * @param outcome   a word for people: passed, failed, resolved, escalated, open
 */
public record RecoveryRecord(
        String kind,
        String id,
        String subject,
        Instant at,
        Duration rto,
        Duration rtoTarget,
        Duration rpo,
        Duration rpoTarget,
        boolean passed,
        String outcome) {

    public static RecoveryRecord of(DrillResult drill) {
        return new RecoveryRecord(
                "drill",
                drill.id(),
                drill.type().wireName(),
                drill.startedAt(),
                duration(drill.rtoMillis()),
                duration(drill.rtoTargetMillis()),
                duration(drill.rpoMillis()),
                duration(drill.rpoTargetMillis()),
                drill.passed(),
                drill.passed() ? "passed" : "failed");
    }

    /** @param maxAges each scope's maximum backup age, from backup-service's policy (empty when unknown) */
    public static RecoveryRecord of(Incident incident, Map<BackupScope, Duration> maxAges) {
        boolean resolvedInTime = incident.rto() != null
                && incident.rtoTarget() != null
                && incident.rto().compareTo(incident.rtoTarget()) <= 0;
        BackupScope data = BackupScope.ofComponent(incident.component());
        return new RecoveryRecord(
                "incident",
                incident.id(),
                incident.component(),
                incident.detectedAt(),
                incident.rto(),
                incident.rtoTarget(),
                incident.rpo(),
                maxAges.get(data),
                resolvedInTime,
                incident.state().name().toLowerCase());
    }

    /** The RTO as a share of its target (1 = exactly on target); null without both. */
    public Double rtoShare() {
        return share(rto, rtoTarget);
    }

    public Double rpoShare() {
        return share(rpo, rpoTarget);
    }

    private static Double share(Duration measured, Duration target) {
        return measured == null || target == null || target.isZero()
                ? null
                : (double) measured.toMillis() / target.toMillis();
    }

    private static Duration duration(Long millis) {
        return millis == null ? null : Duration.ofMillis(millis);
    }
}
