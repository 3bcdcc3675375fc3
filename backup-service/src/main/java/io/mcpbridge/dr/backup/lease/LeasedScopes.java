package io.mcpbridge.dr.backup.lease;

import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupScope;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;

/**
 * Which scopes a command must hold while it runs: those whose live data it reads or writes, or whose stored
 * backups it may delete or read while another deletes them. A backup or a restore holds the scopes it takes
 * or restores (a restore of everything holds all); verification and prune deal with stored backups of any scope
 * and hold all; a check holds what it compares, as a restore of it would, and a discard of restore targets holds
 * all (a restore into them may be running). So two restores of Redis never overlap, nor a backup and a restore of the same scope, nor a
 * prune with anything, and backups of different scopes still run side by side.
 */
public final class LeasedScopes {

    private LeasedScopes() {}

    /** @param scopes the command's scopes, as resolved (a backup naming none takes the configured ones) */
    public static List<BackupScope> of(BackupAction action, Collection<BackupScope> scopes) {
        return switch (action) {
            case BACKUP, FORENSIC -> ordered(scopes);
            case RESTORE, CHECK -> scopes.isEmpty() ? ordered(EnumSet.allOf(BackupScope.class)) : ordered(scopes);
            case VERIFY, PRUNE, DISCARD -> ordered(EnumSet.allOf(BackupScope.class));
        };
    }

    /** In one fixed order for every instance, which is what keeps two commands from waiting on each other. */
    static List<BackupScope> ordered(Collection<BackupScope> scopes) {
        return scopes.isEmpty() ? List.of() : List.copyOf(EnumSet.copyOf(scopes));
    }
}
