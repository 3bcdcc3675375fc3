package io.mcpbridge.dr.coordinator.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.testing.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Revoking sessions removes the session keys of a real redis-server, and nothing else. */
class SessionRevokerTest {

    private RedisServer redis;
    private Vertx vertx;
    private SessionRevoker revoker;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        vertx = Vertx.vertx();
        revoker = new SessionRevoker(Redis.createClient(vertx, redis.uri()));
        for (int i = 0; i < 2500; i++) {
            redis.command("SET", "session:" + String.format("%032x", i), "{\"user\":\"u" + i + "\"}", "EX", "3600");
        }
        redis.command("SET", "ratelimit:client-1:29000000", "17");
        redis.command("HSET", "config:routes", "tools", "/tools");
        redis.command("SET", "sessions-total", "2500");
    }

    @AfterEach
    void stop() {
        vertx.close();
        redis.close();
    }

    @Test
    void onlySessionKeysAreRemoved() {
        ActionResult result = revoker.revoke("session:*");

        assertThat(result.succeeded()).as(result.detail()).isTrue();
        assertThat(result.detail()).isEqualTo("revoked 2500 sessions (session:*)");
        assertThat(redis.command("DBSIZE")).isEqualTo(":3");
        assertThat(redis.command("EXISTS", "ratelimit:client-1:29000000", "config:routes", "sessions-total"))
                .isEqualTo(":3");
    }

    @Test
    void aPatternWiderThanOnePrefixIsRefused() {
        assertThat(revoker.revoke("*").succeeded()).isFalse();
        assertThat(revoker.revoke("sess*").detail()).contains("refused");
        assertThat(redis.command("DBSIZE")).isEqualTo(":2503");
    }
}
