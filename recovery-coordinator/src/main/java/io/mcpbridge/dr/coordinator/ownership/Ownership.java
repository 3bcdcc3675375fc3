package io.mcpbridge.dr.coordinator.ownership;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.utils.Utils;

/**
 * Which components this instance acts on: those whose key falls into a partition of {@code mcp-dr.health}
 * assigned to it. Health events, alerts and recovery commands are keyed by component and consumed as one
 * co-partitioned group, so every signal about a component reaches the one instance that owns it. The
 * partition of a key is the Kafka producer's (murmur2 of the key bytes, modulo the partition count).
 *
 * @param partitions the assigned partition numbers
 * @param count      the topic's partition count; 0 before the first assignment (owns nothing)
 */
public record Ownership(Set<Integer> partitions, int count) {

    public static final Ownership NONE = new Ownership(Set.of(), 0);

    public Ownership {
        partitions = Set.copyOf(partitions);
        if (count < 0 || partitions.stream().anyMatch(p -> p < 0 || p >= count)) {
            throw new IllegalArgumentException("partitions " + partitions + " do not fit a topic of " + count);
        }
    }

    public boolean owns(String component) {
        return count > 0 && partitions.contains(partitionOf(component, count));
    }

    /** The partition the Kafka producer's default partitioner puts a record keyed by {@code component} into. */
    public static int partitionOf(String component, int count) {
        return Utils.toPositive(Utils.murmur2(component.getBytes(StandardCharsets.UTF_8))) % count;
    }

    @Override
    public String toString() {
        return count == 0 ? "none" : new TreeSet<>(partitions) + " of " + count;
    }
}
