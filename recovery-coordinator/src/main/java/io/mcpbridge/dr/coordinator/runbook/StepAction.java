package io.mcpbridge.dr.coordinator.runbook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a runbook step does. Destructive actions (they overwrite live data, cut sessions, change
 * credentials or move traffic) run only on a confirmed manual command, unless the runbook marks the step
 * {@code automatic: true}.
 */
public enum StepAction {
    /** {@code kubectl rollout restart deployment/<name>} (the restartedAt annotation). */
    ROLLOUT_RESTART(false),
    /** {@code kubectl rollout undo}: back to the previous ReplicaSet. */
    ROLLOUT_UNDO(false),
    /** Scale a Deployment to {@code replicas}. */
    SCALE(false),
    /** Delete the pods of a Deployment so they are recreated. */
    DELETE_PODS(false),
    /** Wait for health snapshots to show the component healthy ({@code attempts} x {@code interval}). */
    VERIFY(false),
    /** Ask backup-service for a forensic backup of the current state. */
    FORENSIC_SNAPSHOT(false),
    /** Ask backup-service to restore a backup ({@code backup}, {@code scopes}) and wait for the result. */
    RESTORE_BACKUP(true),
    /** Remove session keys ({@code session:*}) from the session store; nothing else. */
    REVOKE_SESSIONS(true),
    /** Patch a Secret's key with a fresh random value, then restart what mounts it. */
    ROTATE_CREDENTIALS(true),
    /** Switch to the configured replica or DR site. */
    FAIL_OVER(true),
    /** A configured command on a host ({@code command}), output captured into the timeline. */
    SHELL(false),
    /** A notification request to the notifier. */
    NOTIFY(false),
    /** Hand the incident to people: page and stop acting. */
    ESCALATE(false);

    private final boolean destructive;

    StepAction(boolean destructive) {
        this.destructive = destructive;
    }

    public boolean destructive() {
        return destructive;
    }

    @JsonValue
    public String fileName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static StepAction ofFileName(String name) {
        for (StepAction action : values()) {
            if (action.fileName().equals(name)) {
                return action;
            }
        }
        throw new IllegalArgumentException("unknown action '" + name + "'");
    }
}
