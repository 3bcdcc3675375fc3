package io.mcpbridge.dr.events;

import io.mcpbridge.dr.events.alert.AlertEvent;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupPolicy;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.command.CommandOutcome;
import io.mcpbridge.dr.events.drill.DrillResult;
import io.mcpbridge.dr.events.drill.DrillStart;
import io.mcpbridge.dr.events.health.TargetHealth;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.RecoveryCommand;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import java.util.Arrays;
import java.util.Optional;

/**
 * The CloudEvents types of the system. The version is part of the name: payloads evolve additively
 * (new optional fields), and a breaking change is a new type.
 */
public enum EventType {

    /** A probe target changed state (after hysteresis). Published by health-monitor. */
    HEALTH_CHANGED("mcpdr.health.changed.v1", Topics.HEALTH, TargetHealth.class),
    /** The current state of one probe target, published periodically even without a change. */
    HEALTH_SNAPSHOT("mcpdr.health.snapshot.v1", Topics.HEALTH, TargetHealth.class),
    /** One alert of an Alertmanager webhook notification, firing or resolved. */
    ALERT_RECEIVED("mcpdr.alert.received.v1", Topics.ALERTS, AlertEvent.class),
    /** A request to notify people (Slack, PagerDuty, console) by the communication matrix. */
    NOTIFY_REQUESTED("mcpdr.notify.requested.v1", Topics.COMMANDS_NOTIFY, NotificationRequest.class),
    /** A command for backup-service: backup, verify, restore or prune. */
    BACKUP_REQUESTED("mcpdr.backup.requested.v1", Topics.COMMANDS_BACKUP, BackupCommand.class),
    /** Progress or outcome of a backup-service command. */
    BACKUP_RESULT("mcpdr.backup.result.v1", Topics.BACKUP_RESULTS, BackupResult.class),
    /**
     * What the index object of one backup says now, at each write; a tombstone of this type when the backup is
     * pruned. Key: backup id.
     */
    BACKUP_CATALOGED("mcpdr.backup.cataloged.v1", Topics.BACKUP_CATALOG, BackupIndex.class),
    /** How backup-service is configured now (maximum ages, schedules, retention). Key: {@code policy}. */
    BACKUP_POLICY("mcpdr.backup.policy.v1", Topics.BACKUP_CATALOG, BackupPolicy.class),
    /** An engineer's or a drill's recovery command for the coordinator; signed. */
    RECOVERY_REQUESTED("mcpdr.recovery.requested.v1", Topics.COMMANDS_RECOVERY, RecoveryCommand.class),
    /** The whole current state of an incident, at each change. */
    INCIDENT_UPDATED("mcpdr.incident.updated.v1", Topics.INCIDENTS, Incident.class),
    /** What became of a command: accepted, refused or not run. Key: command id. */
    COMMAND_OUTCOME("mcpdr.command.outcome.v1", Topics.COMMAND_OUTCOMES, CommandOutcome.class),
    /** A drill that began, so no other replica runs the same period. Key: the drill type. */
    DRILL_STARTED("mcpdr.drill.started.v1", Topics.DRILLS, DrillStart.class),
    /** A drill that ran, pass or fail, with the RTO and RPO it measured. Key: the drill type. */
    DRILL_COMPLETED("mcpdr.drill.completed.v1", Topics.DRILLS, DrillResult.class);

    private final String typeName;
    private final String topic;
    private final Class<?> payloadType;

    EventType(String typeName, String topic, Class<?> payloadType) {
        this.typeName = typeName;
        this.topic = topic;
        this.payloadType = payloadType;
    }

    /** The {@code ce_type} value on the wire. */
    public String typeName() {
        return typeName;
    }

    /** The topic events of this type are published to. */
    public String topic() {
        return topic;
    }

    /** The record the JSON payload maps to. */
    public Class<?> payloadType() {
        return payloadType;
    }

    public static Optional<EventType> byTypeName(String typeName) {
        return Arrays.stream(values()).filter(t -> t.typeName.equals(typeName)).findFirst();
    }
}
