package io.mcpbridge.dr.events.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.utils.Utils;

/**
 * Which keys a group member acts on: those that fall into a partition of a topic assigned to it. Every member
 * computes the same answer without being told, so the group's assignment alone says who does what (the
 * coordinator's components, health-monitor's probe targets, backup-service's schedules). The partition of a
 * key is the Kafka producer's (murmur2 of the key bytes, modulo the partition count).
 *
 * @param partitions the assigned partition numbers
 * @param count      the topic's partition count; 0 before the first assignment (owns nothing)
 */
public record PartitionOwnership(Set<Integer> partitions, int count) {

    public static final PartitionOwnership NONE = new PartitionOwnership(Set.of(), 0);

    public PartitionOwnership {
        partitions = Set.copyOf(partitions);
        if (count < 0 || partitions.stream().anyMatch(p -> p < 0 || p >= count)) {
            throw new IllegalArgumentException("partitions " + partitions + " do not fit a topic of " + count);
        }
    }

    public boolean owns(String key) {
        return count > 0 && partitions.contains(partitionOf(key, count));
    }

    /** The partition the Kafka producer's default partitioner puts a record keyed by {@code key} into. */
    public static int partitionOf(String key, int count) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % count;
    }

    @Override
    public String toString() {
        return count == 0 ? "none" : new TreeSet<>(partitions) + " of " + count;
    }
}
