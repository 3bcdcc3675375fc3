package io.mcpbridge.dr.events.backup;

/**
 * Where a restore writes, when not where the backup came from. Every field is optional, and each names
 * something backup-service is configured to allow, never an address: a command cannot send data or
 * credentials anywhere the service was not told about.
 *
 * @param redis     the name of a configured Redis target ({@code standby}, {@code dr}, {@code scratch})
 * @param namespace another Kubernetes namespace matching a configured pattern, created if missing
 * @param directory a configured base directory: configs go to {@code <directory>/configs}, certificates to
 *                  {@code <directory>/certs}
 */
public record RestoreTargets(String redis, String namespace, String directory) {

    public static final RestoreTargets ORIGINAL = new RestoreTargets(null, null, null);

    /**
     * The label a restore puts on what it writes into a disposable namespace, valued with the backup id: what a
     * full drill waits for there, and what a DISCARD there removes.
     */
    public static final String RESTORED_FROM = "mcpdr.io/restored-from";
}
