package io.mcpbridge.dr.health.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.testing.RedisServer;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Redis probe against real redis-server instances, with and without AOF persistence. */
class RedisProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void withAofIsUp() {
        try (RedisServer redis = RedisServer.start(List.of("--appendonly", "yes"));
                RedisProbe probe = probe(redis, true)) {
            assertThat(run(probe).observed()).isEqualTo(HealthState.UP);
        }
    }

    @Test
    void withoutAofIsDegradedBecauseThePlansRpoNeedsIt() {
        try (RedisServer redis = RedisServer.start();
                RedisProbe probe = probe(redis, true)) {
            ProbeResult result = run(probe);

            assertThat(result.observed()).isEqualTo(HealthState.DEGRADED);
            assertThat(result.error()).contains("AOF persistence is off");
        }
    }

    @Test
    void withoutAofIsUpWhenAofIsNotRequired() {
        try (RedisServer redis = RedisServer.start();
                RedisProbe probe = probe(redis, false)) {
            assertThat(run(probe).observed()).isEqualTo(HealthState.UP);
        }
    }

    @Test
    void stoppedServerIsDown() {
        RedisServer redis = RedisServer.start();
        try (RedisProbe probe = probe(redis, false)) {
            assertThat(run(probe).observed()).isEqualTo(HealthState.UP);
            redis.close();

            ProbeResult result = run(probe);

            assertThat(result.observed()).isEqualTo(HealthState.DOWN);
            assertThat(result.error()).isNotBlank();
        }
    }

    @Test
    void passwordNeverAppearsInTheEndpoint() {
        try (RedisProbe probe = new RedisProbe(vertx, URI.create("redis://:hunter2@redis:6379/0"), TIMEOUT, true)) {
            assertThat(probe.endpoint()).isEqualTo("redis://redis:6379/0").doesNotContain("hunter2");
        }
    }

    private static RedisProbe probe(RedisServer redis, boolean requireAof) {
        return new RedisProbe(vertx, URI.create(redis.uri()), TIMEOUT, requireAof);
    }

    private static ProbeResult run(Probe probe) {
        return probe.probe()
                .toCompletableFuture()
                .orTimeout(5, TimeUnit.SECONDS)
                .join();
    }
}
