package io.mcpbridge.dr.backup.redis;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The names of the keys a backup holds, as 64-bit hashes (8 bytes a key, about 8 MB for a million): after a
 * restore, a key of the target that is not among them was not there when the backup was taken, so it goes
 * (the plan flushes before restoring; a restore that left corrupted extra keys behind would not be a
 * recovery). A hash collision could only keep such a key, never remove a backed-up one. Not thread-safe: one
 * restore fills and asks it, on one thread.
 */
public final class BackedUpKeys {

    private final MessageDigest sha256 = sha256();
    private long[] hashes = new long[1024];
    private int size;
    private boolean sorted;

    public void add(byte[] key) {
        if (size == hashes.length) {
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        hashes[size++] = hash(key);
        sorted = false;
    }

    public boolean contains(byte[] key) {
        if (!sorted) {
            Arrays.sort(hashes, 0, size);
            sorted = true;
        }
        return Arrays.binarySearch(hashes, 0, size, hash(key)) >= 0;
    }

    public int size() {
        return size;
    }

    private long hash(byte[] key) {
        return ByteBuffer.wrap(sha256.digest(key)).getLong();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this runtime", e);
        }
    }
}
