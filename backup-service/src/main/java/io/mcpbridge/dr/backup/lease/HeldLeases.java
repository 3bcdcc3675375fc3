package io.mcpbridge.dr.backup.lease;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The leases a running command holds: renewed in the background until {@link #close()} gives them back. Should
 * a renewal come too late (the instance stalled for longer than the lease lasts) and another instance take a
 * scope meanwhile, the lease is lost: the command cannot be stopped halfway safely, so it finishes, and
 * {@link #lost()} says what happened, for the log and the metrics.
 */
public final class HeldLeases implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HeldLeases.class);

    private final ScopeLeases leases;
    private final List<LeaseChain> chains;
    private final List<LeaseChain.Generation> current;
    private final String commandId;
    private final String action;
    private final ScheduledFuture<?> renewal;
    private final Set<String> lostScopes = new HashSet<>();
    private String lost;
    private boolean closed;

    HeldLeases(
            ScopeLeases leases,
            List<LeaseChain> chains,
            List<LeaseChain.Generation> taken,
            String commandId,
            String action) {
        this.leases = leases;
        this.chains = List.copyOf(chains);
        this.current = new ArrayList<>(taken);
        this.commandId = commandId;
        this.action = action;
        long every = leases.renewEvery().toMillis();
        this.renewal = leases.renewals().scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /** Why a lease was lost while the command ran, if one was. */
    public synchronized Optional<String> lost() {
        return Optional.ofNullable(lost);
    }

    private synchronized void renew() {
        if (closed) {
            return;
        }
        for (int i = 0; i < chains.size(); i++) {
            LeaseChain chain = chains.get(i);
            if (lostScopes.contains(chain.scope())) {
                continue; // someone else's now; the others are still this command's
            }
            try {
                Optional<LeaseChain.Generation> next = chain.append(
                        current.get(i),
                        leases.lease(commandId, action, leases.clock().instant()));
                if (next.isEmpty()) {
                    lost = "the lease of scope " + chain.scope() + " was taken over while " + action + " " + commandId
                            + " held it (renewed too late)";
                    LOG.error(lost);
                    return;
                }
                current.set(i, next.get());
                chain.forgetBefore(next.get());
            } catch (IOException | RuntimeException e) {
                // Not lost yet: the lease lasts a while longer, and the next renewal tries again.
                LOG.warnf("the lease of scope %s could not be renewed: %s", chain.scope(), e.getMessage());
            }
        }
    }

    /** Gives every lease back, newest scope first; a lost one is someone else's now and left alone. */
    @Override
    public void close() {
        renewal.cancel(false);
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (int i = chains.size() - 1; i >= 0; i--) {
                if (!lostScopes.contains(chains.get(i).scope())) {
                    giveBack(chains.get(i), current.get(i), leases.released(commandId, action));
                }
            }
        }
    }

    /** Appends a released generation and forgets the older ones; a failure only means the lease lapses. */
    static void giveBack(LeaseChain chain, LeaseChain.Generation held, LeaseRecord released) {
        try {
            Optional<LeaseChain.Generation> free = chain.append(held, released);
            if (free.isPresent()) {
                chain.forgetBefore(free.get());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf(
                    "the lease of scope %s could not be given back; it lapses at %s: %s",
                    chain.scope(), held.lease().expiresAt(), e.getMessage());
        }
    }
}
