package io.mcpbridge.dr.backup.archive;

import java.util.concurrent.atomic.AtomicLong;

/** Plain bytes and entries an operation has handled so far; read by the progress reporter meanwhile. */
public final class Progress {

    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong entries = new AtomicLong();

    public void addBytes(long count) {
        bytes.addAndGet(count);
    }

    public void addEntry() {
        entries.incrementAndGet();
    }

    public long bytes() {
        return bytes.get();
    }

    public long entries() {
        return entries.get();
    }
}
