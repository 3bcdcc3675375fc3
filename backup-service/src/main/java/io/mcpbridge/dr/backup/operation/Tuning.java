package io.mcpbridge.dr.backup.operation;

import io.mcpbridge.dr.backup.redis.KeyPatterns;
import io.mcpbridge.dr.backup.redis.SnapshotMethod;
import java.time.Duration;
import java.util.Optional;

/**
 * How operations use their peers.
 *
 * @param chunkBytes             size of a Redis chunk entry
 * @param scanCount              SCAN's COUNT hint
 * @param restoreBatch           RESTOREs per pipelined batch
 * @param restoreBatchesInFlight batches on the wire at once
 * @param redisTimeout           bound on each Redis round trip
 * @param skip                   keys left out of backups
 * @param redisPassword          the password for every Redis this service talks to (a secret)
 * @param scratchRedisServer     the redis-server binary for verification's test restore
 * @param sampleSize             values compared after a test restore
 * @param redisMethod            how backups read Redis; empty: as a replica, key by key when the server refuses
 */
public record Tuning(
        int chunkBytes,
        int scanCount,
        int restoreBatch,
        int restoreBatchesInFlight,
        Duration redisTimeout,
        KeyPatterns skip,
        Optional<String> redisPassword,
        String scratchRedisServer,
        int sampleSize,
        Optional<SnapshotMethod> redisMethod) {}
