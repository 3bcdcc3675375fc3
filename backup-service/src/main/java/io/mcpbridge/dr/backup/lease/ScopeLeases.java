package io.mcpbridge.dr.backup.lease;

import io.mcpbridge.dr.backup.store.BucketLayout;
import io.mcpbridge.dr.backup.store.ObjectStore;
import io.mcpbridge.dr.events.backup.BackupScope;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Keeps two commands that touch the same scope from running at the same time, across every backup-service
 * instance sharing the bucket: before it runs, a command takes the lease of each scope it reads or writes (see
 * {@link LeasedScopes}), all of them or none, and gives them back when it ends. A lease lapses after
 * {@code ttl} unless its holder renews it (every third of it), so the scopes of an instance that died are free
 * again within {@code ttl}.
 */
public final class ScopeLeases implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ScopeLeases.class);
    private static final Duration MAX_POLL = Duration.ofSeconds(1);

    private final ObjectStore store;
    private final BucketLayout layout;
    private final String holder;
    private final Duration ttl;
    private final Clock clock;
    private final ScheduledExecutorService renewals;

    /**
     * @param holder this instance's name, as others waiting for it see it
     * @param ttl    how long a lease lasts unrenewed: how long a dead instance's scopes stay closed
     */
    public ScopeLeases(ObjectStore store, BucketLayout layout, String holder, Duration ttl, Clock clock) {
        if (ttl.toMillis() < 300) {
            throw new IllegalArgumentException("a lease must last at least 300 ms, to be renewed in time");
        }
        this.store = store;
        this.layout = layout;
        this.holder = holder;
        this.ttl = ttl;
        this.clock = clock;
        // Renewals have a thread of their own: they must never wait behind the command they keep safe.
        this.renewals = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "scope-lease-renewal");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Takes the leases of {@code scopes} for a command, waiting while another command holds any of them.
     *
     * @param waiting told, at most once per holder, whom the command waits for
     * @throws LeaseUnavailableException when they are not all free within {@code maxWait}
     */
    public HeldLeases acquire(
            Collection<BackupScope> scopes, String commandId, String action, Duration maxWait, Consumer<String> waiting)
            throws IOException, InterruptedException {
        Instant deadline = clock.instant().plus(maxWait);
        String lastHolder = null;
        while (true) {
            Attempt attempt = tryAcquire(scopes, commandId, action);
            if (attempt.held().isPresent()) {
                return attempt.held().get();
            }
            String blocker = attempt.blocker();
            // Keyed by who holds it, not by the description: a renewal moves the holder's expiry every ttl/3.
            if (!attempt.holder().equals(lastHolder)) {
                LOG.infof("%s %s waits: %s", action, commandId, blocker);
                waiting.accept("waiting: " + blocker);
                lastHolder = attempt.holder();
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new LeaseUnavailableException("gave up after " + maxWait.toSeconds() + " s waiting: " + blocker);
            }
            Thread.sleep(pollPause());
        }
    }

    /** One try at every scope, in a fixed order; on the first that is held, those taken are given back. */
    Attempt tryAcquire(Collection<BackupScope> scopes, String commandId, String action) throws IOException {
        List<LeaseChain.Generation> taken = new ArrayList<>();
        List<LeaseChain> chains = new ArrayList<>();
        try {
            for (BackupScope scope : LeasedScopes.ordered(scopes)) {
                LeaseChain chain = new LeaseChain(store, layout, scope.wireName());
                LeaseChain.Generation newest = chain.newest();
                Instant now = clock.instant();
                if (newest.holdsAt(now)) {
                    release(chains, taken, commandId, action);
                    return Attempt.blockedBy(
                            "scope " + scope.wireName() + " is held by "
                                    + newest.lease().describe(),
                            scope.wireName() + " " + newest.lease().commandId());
                }
                Optional<LeaseChain.Generation> mine = chain.append(newest, lease(commandId, action, now));
                if (mine.isEmpty()) {
                    release(chains, taken, commandId, action);
                    return Attempt.blockedBy(
                            "scope " + scope.wireName() + " was taken by another instance just now",
                            scope.wireName() + " race");
                }
                chains.add(chain);
                taken.add(mine.get());
            }
        } catch (IOException | RuntimeException e) {
            release(chains, taken, commandId, action);
            throw e;
        }
        return Attempt.held(new HeldLeases(this, chains, taken, commandId, action));
    }

    LeaseRecord lease(String commandId, String action, Instant now) {
        return new LeaseRecord(holder, commandId, action, now.plus(ttl), false);
    }

    LeaseRecord released(String commandId, String action) {
        return new LeaseRecord(holder, commandId, action, clock.instant(), true);
    }

    Clock clock() {
        return clock;
    }

    Duration renewEvery() {
        return ttl.dividedBy(3);
    }

    ScheduledExecutorService renewals() {
        return renewals;
    }

    /** Stops renewing; leases still held lapse after their time. */
    @Override
    public void close() {
        renewals.shutdownNow();
    }

    /** Gives back what an attempt took before it found a scope held. */
    private void release(List<LeaseChain> chains, List<LeaseChain.Generation> taken, String commandId, String action) {
        for (int i = taken.size() - 1; i >= 0; i--) {
            HeldLeases.giveBack(chains.get(i), taken.get(i), released(commandId, action));
        }
    }

    /** Short and jittered, so instances waiting for the same scope do not knock in step. */
    private long pollPause() {
        long most = Math.min(MAX_POLL.toMillis(), ttl.toMillis() / 4);
        return most / 2 + ThreadLocalRandom.current().nextLong(most / 2 + 1);
    }

    /** The outcome of one try: the leases, or who holds what ({@code holder} names the scope and the command). */
    record Attempt(Optional<HeldLeases> held, String blocker, String holder) {

        static Attempt held(HeldLeases held) {
            return new Attempt(Optional.of(held), null, null);
        }

        static Attempt blockedBy(String blocker, String holder) {
            return new Attempt(Optional.empty(), blocker, holder);
        }
    }
}
