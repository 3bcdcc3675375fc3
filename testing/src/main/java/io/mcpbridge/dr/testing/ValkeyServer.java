package io.mcpbridge.dr.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Valkey 8.0, a server of the Redis protocol that writes RDB version 11 (the format of Redis 7.2), where the
 * machine's redis-server 7.0 writes 10: backups are tested against both. Debian ships it in bookworm-backports;
 * {@code testing/peers/valkey} puts its server binary where {@link #binary} finds it, and CI runs that script.
 */
public final class ValkeyServer {

    /** Where {@code testing/peers/valkey} puts the binary, unless {@value #VARIABLE} names another. */
    public static final Path DEFAULT_BINARY =
            Path.of(System.getProperty("user.home"), ".cache", "mcp-dr", "valkey-8.0.1", "valkey-server");

    public static final String VARIABLE = "MCPDR_TEST_VALKEY_SERVER";

    private ValkeyServer() {}

    /** Starts one on a free port, as {@link RedisServer#start(List)} starts a redis-server. */
    public static RedisServer start(List<String> extraArgs) {
        return RedisServer.start(binary().toString(), extraArgs);
    }

    /**
     * The binary. Missing, a test is skipped, except under CI ({@code CI} set), where its absence fails the test:
     * there the versions exercised must not shrink unnoticed.
     */
    public static Path binary() {
        Path binary = Optional.ofNullable(System.getenv(VARIABLE))
                .filter(value -> !value.isBlank())
                .map(Path::of)
                .orElse(DEFAULT_BINARY);
        boolean present = Files.isExecutable(binary);
        String missing = binary + " is missing: run testing/peers/valkey (or set " + VARIABLE + ")";
        if (System.getenv("CI") != null && !present) {
            throw new IllegalStateException(missing);
        }
        Assumptions.assumeTrue(present, missing);
        return binary;
    }
}
