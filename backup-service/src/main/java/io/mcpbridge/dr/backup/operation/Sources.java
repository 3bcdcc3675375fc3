package io.mcpbridge.dr.backup.operation;

import io.mcpbridge.dr.backup.redis.RedisEndpoint;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where each scope lives: what a backup reads, and what a restore writes (a restore's targets are the
 * sources of the forensic backup taken before it).
 *
 * @param configs     the configuration tree
 * @param certs       the certificate tree
 * @param redis       the Redis
 * @param namespace   the Kubernetes namespace
 * @param versionFile the MCP Bridge VERSION file, if any
 */
public record Sources(Path configs, Path certs, RedisEndpoint redis, String namespace, Optional<Path> versionFile) {}
