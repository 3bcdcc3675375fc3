package io.mcpbridge.dr.events;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every Kafka topic of the system, declared once. Channel names in {@code @Incoming}/{@code @Channel},
 * producers and tests all use these constants.
 */
public final class Topics {

    /** Health transitions and periodic snapshots of every probe target. Key: component. */
    public static final String HEALTH = "mcp-dr.health";
    /** Alerts received from Prometheus Alertmanager, one event per alert. Key: component. */
    public static final String ALERTS = "mcp-dr.alerts";
    /** Manual and drill recovery commands for the coordinator. Key: component. */
    public static final String COMMANDS_RECOVERY = "mcp-dr.commands.recovery";
    /**
     * The one outcome of every command (accepted, refused, not run), from the service that handled it.
     * Key: command id.
     */
    public static final String COMMAND_OUTCOMES = "mcp-dr.commands.outcomes";
    /** Backup, verify, restore and prune commands for backup-service. Key: scope. */
    public static final String COMMANDS_BACKUP = "mcp-dr.commands.backup";
    /** Progress and outcome of backups, verifications and restores. Key: backup id. */
    public static final String BACKUP_RESULTS = "mcp-dr.backup.results";
    /**
     * What backup-service's index objects say now, one record per backup and a tombstone when it is pruned, and
     * its configuration under the key {@code policy}; compacted, so it outlives the results. Key: backup id.
     */
    public static final String BACKUP_CATALOG = "mcp-dr.backup.catalog";
    /** Notification requests for the notifier. Key: incident id. */
    public static final String COMMANDS_NOTIFY = "mcp-dr.commands.notify";
    /** The whole current state of every incident; compacted. Key: incident id. */
    public static final String INCIDENTS = "mcp-dr.incidents";
    /** What could not be processed, with the reason in headers. Key: the original key. */
    public static final String DLQ = "mcp-dr.dlq";

    /**
     * health-monitor's probe ownership: no record is ever written here. The replicas consume it as one group,
     * and the partitions each is assigned say which probe targets it probes (a target belongs to the partition
     * Kafka's partitioner gives its name), so each target has exactly one prober and a dead replica's targets
     * move to another within the group's session timeout.
     */
    public static final String PROBE_OWNERSHIP = "mcp-dr.health-monitor.probes";

    /** The notifier's own ledger of what it delivered, per notification and channel; compacted. */
    public static final String NOTIFIER_DELIVERIES = "mcp-dr.notifier.deliveries";

    /**
     * Drill results ({@code mcpdr.drill.completed.v1}), signed by the coordinator, keyed by drill type: the record
     * an auditor is shown, so it is kept for {@link #DRILLS_RETENTION}.
     */
    public static final String DRILLS = "mcp-dr.drills";

    /** How long drill results are kept: more than a year, so a report covers four quarterly full drills. */
    public static final Duration DRILLS_RETENTION = Duration.ofDays(400);

    /** All topics, in the order of the design's topic table, then the services' own state topics. */
    public static final List<String> ALL = List.of(
            HEALTH,
            ALERTS,
            COMMANDS_RECOVERY,
            COMMANDS_BACKUP,
            BACKUP_RESULTS,
            COMMANDS_NOTIFY,
            INCIDENTS,
            DLQ,
            COMMAND_OUTCOMES,
            BACKUP_CATALOG,
            NOTIFIER_DELIVERIES,
            PROBE_OWNERSHIP,
            DRILLS);

    /** Topics that hold current state by key and are compacted. */
    public static final List<String> COMPACTED = List.of(INCIDENTS, BACKUP_CATALOG, NOTIFIER_DELIVERIES);

    /**
     * Commands: whoever may write here can make the system act, so every record is signed and checked, and
     * the broker stamps each with its own time ({@code LogAppendTime}) so that a record published again is
     * told from a fresh one.
     */
    public static final List<String> COMMANDS = List.of(COMMANDS_RECOVERY, COMMANDS_BACKUP);

    /** Topics whose records are signed by their sender and believed only from trusted signers. */
    public static final List<String> SIGNED =
            List.of(COMMANDS_RECOVERY, COMMANDS_BACKUP, BACKUP_RESULTS, COMMAND_OUTCOMES, BACKUP_CATALOG, DRILLS);

    /** How long the notifier's ledger remembers a delivery: longer than any redelivery can come. */
    public static final Duration NOTIFIER_DELIVERIES_RETENTION = Duration.ofDays(7);

    /** The topic-level settings a topic must be created with (compaction, expiry, broker time stamps). */
    public static Map<String, String> settings(String topic) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (topic.equals(NOTIFIER_DELIVERIES)) {
            // Compacted to one record per delivery, and forgotten after a week.
            settings.put("cleanup.policy", "compact,delete");
            settings.put("retention.ms", Long.toString(NOTIFIER_DELIVERIES_RETENTION.toMillis()));
        } else if (COMPACTED.contains(topic)) {
            settings.put("cleanup.policy", "compact");
        } else if (topic.equals(DRILLS)) {
            settings.put("retention.ms", Long.toString(DRILLS_RETENTION.toMillis()));
        }
        if (COMMANDS.contains(topic)) {
            settings.put("message.timestamp.type", "LogAppendTime");
        }
        return Map.copyOf(settings);
    }

    private Topics() {}
}
