package io.mcpbridge.dr.backup.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where backups are kept: an S3 bucket in production, a local directory for a laptop. Keys are the ones
 * {@link BucketLayout} makes; nothing else decides them.
 */
public interface ObjectStore {

    /** Starts a streaming upload; nothing is visible under {@code key} until {@link Upload#commit()}. */
    Upload upload(String key) throws IOException;

    /**
     * Opens an object for streaming.
     *
     * @throws NoSuchObjectException when there is none
     */
    InputStream open(String key) throws IOException;

    /**
     * Stores a small object whole if there is none under {@code key} yet ({@code If-None-Match: *}): of several
     * writers racing for one key, exactly one wins. Nothing in the store is ever overwritten, so no writer can
     * undo another's write (S3-compatible servers offer create-once, not compare-and-swap). Creating the very same
     * bytes again counts as created: a client retrying a create whose answer was lost finds its own object there.
     * Every caller writes content unique to it (ids, times, holders), so equal bytes mean the same writer.
     *
     * @return whether the object holds {@code content} by this writer; {@code false} when other content was there,
     *     which is left unchanged
     */
    boolean create(String key, byte[] content) throws IOException;

    /** A small object whole, if there is one. */
    Optional<byte[]> get(String key) throws IOException;

    /** Every key under {@code prefix}, in lexicographic order. */
    List<String> list(String prefix) throws IOException;

    /** Deletes the objects; missing ones are not an error. */
    void delete(Collection<String> keys) throws IOException;

    /** A human-readable location for logs ({@code s3://bucket/prefix}); never holds credentials. */
    String describe();

    /**
     * An object being written. Close flushes; only {@link #commit()} makes the object exist, and
     * {@link #abort()} leaves nothing behind (an incomplete multipart upload is aborted).
     */
    abstract class Upload extends OutputStream {

        /** Completes the upload; afterwards the object is readable whole. */
        public abstract void commit() throws IOException;

        /** Abandons the upload. Safe to call after a failure, and more than once. */
        public abstract void abort();
    }

    /** The object does not exist. */
    class NoSuchObjectException extends IOException {
        public NoSuchObjectException(String key) {
            super("no object " + key);
        }
    }
}
