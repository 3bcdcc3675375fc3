package io.mcpbridge.dr.backup.redis;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One Redis key as the archive keeps it: the name, its DUMP payload (any type, Redis's own serialisation
 * with its checksum) and when it expires. Encoded as {@code int keyLength, key, long expireAtMillis (0: no
 * expiry), int dumpLength, dump}, big-endian, many to a chunk entry.
 *
 * @param key            the key's bytes
 * @param expireAtMillis absolute expiry in Unix milliseconds, or {@link #NO_EXPIRY}
 * @param dump           the DUMP payload
 */
public record KeyRecord(byte[] key, long expireAtMillis, byte[] dump) {

    public static final long NO_EXPIRY = 0;

    /** Bytes this record takes once encoded. */
    public int encodedLength() {
        return 4 + key.length + 8 + 4 + dump.length;
    }

    public void encodeTo(ByteBuffer out) {
        out.putInt(key.length)
                .put(key)
                .putLong(expireAtMillis)
                .putInt(dump.length)
                .put(dump);
    }

    /**
     * Reads the next record, or null at the end of the entry.
     *
     * @throws IOException when the entry ends inside a record or a length is impossible
     */
    public static KeyRecord readFrom(DataInputStream in) throws IOException {
        int keyLength;
        try {
            keyLength = in.readInt();
        } catch (EOFException end) {
            return null;
        }
        if (keyLength < 0 || keyLength > 512 * 1024 * 1024) {
            throw new IOException("corrupt key record: key length " + keyLength);
        }
        byte[] key = in.readNBytes(keyLength);
        long expireAt = in.readLong();
        int dumpLength = in.readInt();
        if (key.length != keyLength || dumpLength < 0) {
            throw new IOException("corrupt key record");
        }
        byte[] dump = in.readNBytes(dumpLength);
        if (dump.length != dumpLength) {
            throw new IOException("key record cut short");
        }
        return new KeyRecord(key, expireAt, dump);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyRecord that
                && expireAtMillis == that.expireAtMillis
                && Arrays.equals(key, that.key)
                && Arrays.equals(dump, that.dump);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(dump);
    }

    @Override
    public String toString() {
        return "KeyRecord[" + key.length + " byte key, " + dump.length + " byte value]";
    }
}
