package io.mcpbridge.dr.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Servers of the Redis protocol that write other RDB versions than the machine's redis-server 7.0 (version 10):
 * backups are tested against each. Debian ships them (Redis 6.0 in Debian 11, Valkey 8.0 in bookworm-backports,
 * Redis 8.0 in Debian 13);
 * a script in {@code testing/peers} puts each where {@link #binary} finds it, and CI runs those scripts.
 */
public enum OtherServer {
    /** RDB version 9, the format of Redis 5.0 to 6.2. */
    REDIS_6_0("redis-6.0.16", "redis-server", "MCPDR_TEST_REDIS6_SERVER", "testing/peers/redis6"),
    /** RDB version 11, the format of Redis 7.2. */
    VALKEY_8_0("valkey-8.0.1", "valkey-server", "MCPDR_TEST_VALKEY_SERVER", "testing/peers/valkey"),
    /** RDB version 12, the format of Redis 7.4 and later (hash fields with their own expiry among others). */
    REDIS_8_0("redis-8.0", "redis-server", "MCPDR_TEST_REDIS8_SERVER", "testing/peers/redis8");

    private final String directory;
    private final String name;
    private final String variable;
    private final String script;

    OtherServer(String directory, String name, String variable, String script) {
        this.directory = directory;
        this.name = name;
        this.variable = variable;
        this.script = script;
    }

    /** Starts one on a free port, as {@link RedisServer#start(List)} starts a redis-server. */
    public RedisServer start(List<String> extraArgs) {
        return RedisServer.start(binary().toString(), extraArgs);
    }

    /**
     * The binary: where its script puts it, unless the variable named for it says otherwise. Missing, a test is
     * skipped, except under CI ({@code CI} set), where its absence fails the test: there the versions exercised
     * must not shrink unnoticed.
     */
    public Path binary() {
        Path binary = Optional.ofNullable(System.getenv(variable))
                .filter(value -> !value.isBlank())
                .map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".cache", "mcp-dr", directory, name));
        boolean present = Files.isExecutable(binary);
        String missing = binary + " is missing: run " + script + " (or set " + variable + ")";
        if (System.getenv("CI") != null && !present) {
            throw new IllegalStateException(missing);
        }
        Assumptions.assumeTrue(present, missing);
        return binary;
    }
}
