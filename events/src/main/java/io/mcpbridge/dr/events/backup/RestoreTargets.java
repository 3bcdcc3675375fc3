package io.mcpbridge.dr.events.backup;

/**
 * Where a restore writes, when not where the backup came from. Every field is optional.
 *
 * @param redis     another Redis as {@code host:port} (or {@code redis://host:port/db}); credentials are never
 *                  carried in a command: the service's configured password is used
 * @param namespace another Kubernetes namespace, created if missing
 * @param directory another base directory: configs go to {@code <directory>/configs}, certificates to
 *                  {@code <directory>/certs}
 */
public record RestoreTargets(String redis, String namespace, String directory) {

    public static final RestoreTargets ORIGINAL = new RestoreTargets(null, null, null);
}
