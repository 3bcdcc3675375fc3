package io.mcpbridge.dr.coordinator.action;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Makes a standby Redis (a replica of the failed primary) a primary, as the plan's {@code redis-cli
 * failover} step does for a replica: {@code REPLICAOF NO ONE}, then {@code ROLE} must say {@code master}.
 * The address comes from the runbook; the password is the session store's configured one, never a parameter.
 */
public final class StandbyPromoter {

    private static final long TIMEOUT_SECONDS = 10;

    private final Vertx vertx;
    private final Optional<String> password;

    public StandbyPromoter(Vertx vertx, Optional<String> password) {
        this.vertx = vertx;
        this.password = password;
    }

    /** @param url {@code redis://host:port}, without credentials */
    public ActionResult promote(String url) {
        Redis redis = client(url);
        try {
            call(redis, Request.cmd(Command.REPLICAOF).arg("NO").arg("ONE"));
            String role = call(redis, Request.cmd(Command.ROLE)).get(0).toString();
            return "master".equals(role)
                    ? ActionResult.ok("standby " + url + " promoted: role master")
                    : ActionResult.failed("standby " + url + " still reports role " + role);
        } catch (Exception e) {
            return ActionResult.failed("promoting standby " + url + " failed: " + e.getMessage());
        } finally {
            redis.close();
        }
    }

    /** Whether the standby already answers as a primary (a promotion happened). */
    public boolean isPrimary(String url) {
        Redis redis = client(url);
        try {
            return "master".equals(call(redis, Request.cmd(Command.ROLE)).get(0).toString());
        } catch (Exception e) {
            return false;
        } finally {
            redis.close();
        }
    }

    private Redis client(String url) {
        RedisOptions options = new RedisOptions().setConnectionString(url);
        password.ifPresent(options::setPassword);
        return Redis.createClient(vertx, options);
    }

    private static Response call(Redis redis, Request request) throws Exception {
        return redis.send(request).toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
