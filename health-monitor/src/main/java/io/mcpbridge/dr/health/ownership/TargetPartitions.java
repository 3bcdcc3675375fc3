package io.mcpbridge.dr.health.ownership;

import io.mcpbridge.dr.events.kafka.PartitionOwnership;
import java.util.Collection;
import java.util.List;

/**
 * Which partition of the ownership topic a probe target belongs to: the one Kafka's own partitioner gives its
 * name as a key, so every replica computes the same answer without being told.
 */
public final class TargetPartitions {

    private TargetPartitions() {}

    public static int partitionOf(String target, int partitions) {
        return PartitionOwnership.partitionOf(target, partitions);
    }

    /** The targets among {@code targets} that belong to one of {@code owned}. */
    public static List<String> targetsOf(Collection<Integer> owned, Collection<String> targets, int partitions) {
        return targets.stream()
                .filter(target -> owned.contains(partitionOf(target, partitions)))
                .sorted()
                .toList();
    }
}
