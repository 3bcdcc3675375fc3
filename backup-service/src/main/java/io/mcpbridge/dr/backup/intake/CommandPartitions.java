package io.mcpbridge.dr.backup.intake;

import io.mcpbridge.dr.events.kafka.PartitionOwnership;

/**
 * Fired (synchronously, on the consumer's thread) whenever this instance's share of
 * {@code mcp-dr.commands.backup} changes: after its taken commands were read back on an assignment, and on a
 * revocation or loss.
 *
 * @param ownership the partitions this instance now handles
 */
public record CommandPartitions(PartitionOwnership ownership) {}
