package io.mcpbridge.dr.events.backup;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.mcpbridge.dr.events.json.MalformedEventException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a backup holds; each scope is a part of the archive and can be restored on its own. */
public enum BackupScope {
    /** The MCP Bridge configuration directory tree ({@code /etc/mcp-bridge}), file modes kept. */
    CONFIGS,
    /** The certificate directory tree; each certificate's subject and expiry go into the manifest. */
    CERTS,
    /** Every key of the session store with its remaining TTL, except configured skip patterns. */
    REDIS,
    /** ConfigMaps, Secrets, Deployments, Services, Ingresses and PVCs of a namespace. */
    KUBERNETES;

    /** On the wire and in object keys: the lower-case name ({@code redis}). */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The scope holding an MCP Bridge component's data: the session store's ({@code redis...}) is {@code redis},
     * the gateway's and router's their configuration.
     */
    public static BackupScope ofComponent(String component) {
        return component.startsWith("redis") ? REDIS : CONFIGS;
    }

    /** Scopes as people read them: {@code configs, redis}. */
    public static String listed(Collection<BackupScope> scopes) {
        return scopes.stream().map(BackupScope::wireName).collect(Collectors.joining(", "));
    }

    /** Reads a scope in any letter case; an unknown one is a malformed event. */
    @JsonCreator
    public static BackupScope of(String name) {
        if (name != null) {
            for (BackupScope scope : values()) {
                if (scope.name().equalsIgnoreCase(name.trim())) {
                    return scope;
                }
            }
        }
        throw new MalformedEventException("unknown backup scope '" + name + "', expected one of "
                + Arrays.stream(values()).map(BackupScope::wireName).collect(Collectors.joining(", ")));
    }
}
