package io.mcpbridge.dr.drctl.commands;

import io.mcpbridge.dr.drctl.DrctlException;
import io.mcpbridge.dr.drctl.ExitCodes;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.json.MalformedEventException;
import java.util.List;

/** Scope names as typed ({@code redis,configs}), checked before anything is sent. */
public final class ScopeNames {

    private ScopeNames() {}

    public static List<BackupScope> parse(List<String> names) {
        try {
            return names == null
                    ? List.of()
                    : names.stream().map(BackupScope::of).distinct().toList();
        } catch (MalformedEventException e) {
            throw new DrctlException(ExitCodes.REFUSED, e.getMessage());
        }
    }
}
