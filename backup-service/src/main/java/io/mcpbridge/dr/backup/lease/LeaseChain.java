package io.mcpbridge.dr.backup.lease;

import io.mcpbridge.dr.backup.store.BucketLayout;
import io.mcpbridge.dr.backup.store.ObjectStore;
import io.mcpbridge.dr.events.json.EventJson;
import io.mcpbridge.dr.events.json.MalformedEventException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * One scope's lease as a chain of create-once objects ({@code leases/<scope>/<generation>.json}): the newest
 * generation says who holds the scope. Taking, renewing and giving back are all the creation of the next
 * generation, and of several instances racing to create it exactly one succeeds, so no compare-and-swap is
 * needed. A generation is only ever deleted once a newer one exists.
 */
final class LeaseChain {

    private static final Logger LOG = Logger.getLogger(LeaseChain.class);
    /** Listing and reading can race a cleanup that deletes what was listed; a few rereads settle it. */
    private static final int READ_ATTEMPTS = 5;

    private final ObjectStore store;
    private final BucketLayout layout;
    private final String scope;

    LeaseChain(ObjectStore store, BucketLayout layout, String scope) {
        this.store = store;
        this.layout = layout;
        this.scope = scope;
    }

    /** A generation of the chain. */
    record Generation(long number, LeaseRecord lease) {

        static final Generation NONE = new Generation(0, null);

        boolean holdsAt(java.time.Instant now) {
            return lease != null && lease.holdsAt(now);
        }
    }

    String scope() {
        return scope;
    }

    /** The newest generation, or {@link Generation#NONE} when the scope was never leased. */
    Generation newest() throws IOException {
        for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
            List<String> keys = store.list(layout.leasePrefix(scope));
            Optional<Long> number = newestNumber(keys);
            if (number.isEmpty()) {
                return Generation.NONE;
            }
            Optional<byte[]> bytes = store.get(layout.leaseKey(scope, number.get()));
            if (bytes.isEmpty()) {
                continue; // superseded and cleaned up since the listing
            }
            try {
                return new Generation(number.get(), EventJson.fromBytes(bytes.get(), LeaseRecord.class));
            } catch (MalformedEventException e) {
                // A damaged lease must not keep the scope closed forever: it holds nothing.
                LOG.warnf(
                        "lease %s of scope %s is unreadable and treated as free: %s",
                        number.get(), scope, e.getMessage());
                return new Generation(number.get(), null);
            }
        }
        throw new IOException("the lease of scope " + scope + " kept changing while it was read");
    }

    /**
     * Appends {@code lease} as the generation after {@code previous}, if nobody else did first, and confirms it is
     * the newest (a generation cleaned up long ago could be created again by one who read a stale listing).
     *
     * @return the new generation, or empty when another instance got there first
     */
    Optional<Generation> append(Generation previous, LeaseRecord lease) throws IOException {
        long number = previous.number() + 1;
        String key = layout.leaseKey(scope, number);
        if (!store.create(key, EventJson.toBytes(lease))) {
            return Optional.empty();
        }
        Optional<Long> newest = newestNumber(store.list(layout.leasePrefix(scope)));
        if (newest.isPresent() && newest.get() != number) {
            store.delete(List.of(key));
            return Optional.empty();
        }
        return Optional.of(new Generation(number, lease));
    }

    /** Deletes the generations older than {@code newest}: they say nothing any more. */
    void forgetBefore(Generation newest) throws IOException {
        store.delete(store.list(layout.leasePrefix(scope)).stream()
                .filter(key -> layout.generationOfLeaseKey(scope, key)
                        .map(number -> number < newest.number())
                        .orElse(false))
                .toList());
    }

    private Optional<Long> newestNumber(List<String> keys) {
        return keys.stream()
                .map(key -> layout.generationOfLeaseKey(scope, key))
                .flatMap(Optional::stream)
                .max(Long::compare);
    }
}
