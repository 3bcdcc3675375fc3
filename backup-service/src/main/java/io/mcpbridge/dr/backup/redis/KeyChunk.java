package io.mcpbridge.dr.backup.redis;

/**
 * Encoded {@link KeyRecord}s bound for one archive entry.
 *
 * @param data    the buffer; only the first {@code length} bytes count
 * @param length  bytes used
 * @param records how many keys it holds
 */
public record KeyChunk(byte[] data, int length, int records) {}
