package io.mcpbridge.dr.backup.archive;

/**
 * One entry of an archive as the manifest records it.
 *
 * @param path   the entry's name in the archive ({@code configs/gateway.yaml})
 * @param size   its length in bytes
 * @param sha256 its SHA-256, hex
 */
public record ManifestEntry(String path, long size, String sha256) {}
