package io.mcpbridge.dr.backup.redis;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The RDB part of a replica's SYNC reply, and nothing after it: either the length the server announced
 * ({@code $<length>}), or everything up to the 40-byte end mark it announced ({@code $EOF:<mark>}, diskless
 * replication), which is held back and never handed on. A stream that ends early fails loudly rather than look like
 * a short RDB. Once it is read to its end, {@link #verify()} checks the RDB's own CRC-64 trailer.
 */
final class RdbStream extends InputStream {

    static final int MARK_LENGTH = 40;
    private static final int CHECKSUM_LENGTH = 8;

    private final InputStream in;
    private final long length;
    private final byte[] mark;
    /** Mark mode: read from {@code in}, not yet handed on; the last {@value #MARK_LENGTH} may be the mark. */
    private final byte[] held;

    private int heldStart;
    private int heldEnd;
    private long delivered;
    private boolean ended;
    /** CRC-64 of everything handed on but its last 8 bytes (the trailer, in {@link #last}). */
    private long crc;

    private final byte[] last = new byte[CHECKSUM_LENGTH];
    private int lastCount;

    private RdbStream(InputStream in, long length, byte[] mark) {
        this.in = in;
        this.length = length;
        this.mark = mark;
        this.held = mark == null ? null : new byte[64 * 1024 + MARK_LENGTH];
    }

    /** An RDB of {@code length} bytes. */
    static RdbStream ofLength(InputStream in, long length) {
        return new RdbStream(in, length, null);
    }

    /** An RDB that ends where {@code mark} (40 bytes) comes. */
    static RdbStream endingWith(InputStream in, byte[] mark) {
        if (mark.length != MARK_LENGTH) {
            throw new IllegalArgumentException("an end mark has " + MARK_LENGTH + " bytes");
        }
        return new RdbStream(in, -1, mark.clone());
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        if (count == 0) {
            return 0;
        }
        int read = mark == null ? readCounted(buffer, offset, count) : readMarked(buffer, offset, count);
        if (read > 0) {
            checksum(buffer, offset, read);
            delivered += read;
        }
        return read;
    }

    private int readCounted(byte[] buffer, int offset, int count) throws IOException {
        long left = length - delivered;
        if (left == 0) {
            ended = true;
            return -1;
        }
        int read = in.read(buffer, offset, (int) Math.min(count, left));
        if (read < 0) {
            throw new EOFException(
                    "the replication stream ended after " + delivered + " of the RDB's " + length + " bytes");
        }
        if (delivered + read == length) {
            ended = true;
        }
        return read;
    }

    private int readMarked(byte[] buffer, int offset, int count) throws IOException {
        while (!ended && heldEnd - heldStart <= MARK_LENGTH) {
            fill();
        }
        int ready = ended ? heldEnd - heldStart : heldEnd - heldStart - MARK_LENGTH;
        if (ready == 0) {
            return -1;
        }
        int read = Math.min(count, ready);
        System.arraycopy(held, heldStart, buffer, offset, read);
        heldStart += read;
        return read;
    }

    private void fill() throws IOException {
        if (heldStart > 0 && heldEnd == held.length) {
            System.arraycopy(held, heldStart, held, 0, heldEnd - heldStart);
            heldEnd -= heldStart;
            heldStart = 0;
        }
        int read = in.read(held, heldEnd, held.length - heldEnd);
        if (read < 0) {
            throw new EOFException("the replication stream ended before the RDB's end mark, after "
                    + (delivered + heldEnd - heldStart) + " bytes");
        }
        heldEnd += read;
        if (heldEnd - heldStart >= MARK_LENGTH
                && Arrays.equals(held, heldEnd - MARK_LENGTH, heldEnd, mark, 0, MARK_LENGTH)) {
            heldEnd -= MARK_LENGTH;
            ended = true;
        }
    }

    /** Folds the bytes into the checksum, keeping the latest 8 (maybe the trailer) out of it. */
    private void checksum(byte[] bytes, int offset, int count) {
        int pushedOut = Math.max(0, lastCount + count - CHECKSUM_LENGTH);
        // Bytes of the kept 8 that the new ones push out go first, then the new ones that are not among the latest 8.
        int fromLast = Math.min(pushedOut, lastCount);
        if (fromLast > 0) {
            crc = Crc64.update(crc, last, 0, fromLast);
            System.arraycopy(last, fromLast, last, 0, lastCount - fromLast);
            lastCount -= fromLast;
        }
        int fromNew = pushedOut - fromLast;
        if (fromNew > 0) {
            crc = Crc64.update(crc, bytes, offset, fromNew);
        }
        System.arraycopy(bytes, offset + fromNew, last, lastCount, count - fromNew);
        lastCount += count - fromNew;
    }

    /** Whether the whole RDB was handed on: its length, or up to its end mark. */
    boolean complete() {
        return ended && (mark == null || heldStart == heldEnd);
    }

    /** RDB bytes handed on so far. */
    long delivered() {
        return delivered;
    }

    /**
     * Checks the RDB's CRC-64 trailer against its content; a server with {@code rdbchecksum no} writes zero, which
     * is accepted.
     *
     * @throws IOException when the RDB was not read to its end or its checksum does not match
     */
    void verify() throws IOException {
        if (!complete()) {
            throw new IOException("the RDB was not read to its end (" + delivered + " bytes read)");
        }
        if (lastCount < CHECKSUM_LENGTH) {
            throw new IOException("the RDB is too short to end with a checksum");
        }
        long trailer = 0;
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            trailer = (trailer << 8) | (last[i] & 0xff);
        }
        if (trailer != 0 && trailer != crc) {
            throw new IOException("the RDB's checksum does not match its content: the stream was damaged");
        }
    }
}
