package io.mcpbridge.dr.events.notify;

/** What a notification is about; the notifier picks templates and channel actions by it. */
public enum NotificationKind {
    /** An incident was detected: the plan's "Initial Alert". Pages at CRITICAL. */
    INCIDENT_OPENED,
    /** Progress on an open incident (a step ran, the status changed). */
    INCIDENT_UPDATED,
    /** Automation gave up: a human owns the incident now. Pages at CRITICAL and HIGH. */
    INCIDENT_ESCALATED,
    /** The incident is over: the plan's "Recovery Complete". Resolves any page. */
    INCIDENT_RESOLVED,
    /** A backup or its verification failed. */
    BACKUP_FAILED,
    /** A restore finished (informational). */
    RESTORE_COMPLETED,
    /** A DR drill began (informational: it opens no incident and pages nobody). */
    DRILL_STARTED,
    /** A DR drill finished, with its measured RTO and RPO. */
    DRILL_REPORT,
    /**
     * Not an incident, but someone should look: a target DEGRADED (AOF off, a certificate in its warning window),
     * a failed backup verification, an overdue drill, refused records on the dead letter topic. Never pages.
     */
    ATTENTION
}
