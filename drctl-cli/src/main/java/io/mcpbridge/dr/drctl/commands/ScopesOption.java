package io.mcpbridge.dr.drctl.commands;

import io.mcpbridge.dr.events.backup.BackupScope;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** The scopes a restore writes ({@code --scopes redis,configs}), required and checked before anything is sent. */
public class ScopesOption {

    @Option(
            names = "--scopes",
            split = ",",
            required = true,
            paramLabel = "SCOPE",
            description = "What to restore: configs, certs, redis, kubernetes.")
    List<String> scopes;

    /**
     * @throws DrctlException naming the known scopes, for an unknown one
     */
    public List<BackupScope> parsed() {
        return ScopeNames.parse(scopes);
    }

    /** As the wire names them: {@code redis}, {@code configs}. */
    public List<String> names() {
        return parsed().stream().map(BackupScope::wireName).toList();
    }

    public String joined() {
        return names().stream().collect(Collectors.joining(","));
    }
}
