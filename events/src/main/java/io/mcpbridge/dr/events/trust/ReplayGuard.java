package io.mcpbridge.dr.events.trust;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the commands already taken, by {@code ce_id}, with where each first stood on its topic, for as
 * long as a copy of them could still pass the freshness check (twice the accepted skew). A second record
 * with a known id at another place is a replay; the same record delivered again (a consumer restart before
 * its commit) is not. Filled from the topic itself when a consumer is given its partitions, so the memory
 * survives restarts and partition moves.
 */
public final class ReplayGuard {

    private record Seen(String place, Instant at) {}

    private final Duration horizon;
    private final Map<String, Seen> seen = new LinkedHashMap<>();

    /** @param maxSkew the authenticator's accepted skew */
    public ReplayGuard(Duration maxSkew) {
        this.horizon = maxSkew.multipliedBy(2);
    }

    /**
     * Takes note of a command.
     *
     * @param place      where the record stands ({@code topic-partition@offset})
     * @param brokerTime when the broker took it
     * @return true when the command is new (or this is the very record seen before), false for a replay
     */
    public synchronized boolean admit(String id, String place, Instant brokerTime) {
        forgetBefore(brokerTime.minus(horizon));
        Seen earlier = seen.putIfAbsent(id, new Seen(place, brokerTime));
        return earlier == null || earlier.place().equals(place);
    }

    /** Where a record stands on its topic, {@code topic-partition@offset}: the one naming every caller uses. */
    public static String place(String topic, int partition, long offset) {
        return topic + "-" + partition + "@" + offset;
    }

    /**
     * Takes a command: {@link #admit}, refusing a replay with the reason.
     *
     * @throws UnauthenticatedRecordException when a command of this id was taken at another place
     */
    public void take(String id, String place, Instant brokerTime) {
        if (!admit(id, place, brokerTime)) {
            throw new UnauthenticatedRecordException("command " + id + " was taken before (at " + firstPlace(id)
                    + "): this copy at " + place + " is a replay and runs nothing");
        }
    }

    /** Whether a command of this id was taken (within the horizon). */
    public synchronized boolean knows(String id) {
        return seen.containsKey(id);
    }

    /** Where the command with this id was first seen, for the refusal's reason. */
    public synchronized String firstPlace(String id) {
        Seen earlier = seen.get(id);
        return earlier == null ? "nowhere" : earlier.place();
    }

    public synchronized void clear() {
        seen.clear();
    }

    private void forgetBefore(Instant cutoff) {
        // Insertion order is broker time order within a partition, and close to it across partitions.
        Iterator<Seen> entries = seen.values().iterator();
        while (entries.hasNext() && entries.next().at().isBefore(cutoff)) {
            entries.remove();
        }
    }
}
