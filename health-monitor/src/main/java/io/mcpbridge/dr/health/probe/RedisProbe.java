package io.mcpbridge.dr.health.probe;

import io.mcpbridge.dr.events.health.ProbeKind;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * PINGs the session store, then reads {@code INFO persistence}. DEGRADED when AOF is off (the plan's
 * one-minute RPO for session data depends on it), when the last AOF write failed, or while Redis is
 * still loading its data set.
 */
final class RedisProbe implements Probe, AutoCloseable {

    private final Redis redis;
    private final URI uri;
    private final Duration timeout;
    private final boolean requireAof;

    RedisProbe(Vertx vertx, URI uri, Duration timeout, boolean requireAof) {
        this.uri = uri;
        this.timeout = timeout;
        this.requireAof = requireAof;
        this.redis = Redis.createClient(
                vertx,
                new RedisOptions()
                        .setConnectionString(uri.toString())
                        .setMaxPoolSize(1)
                        .setMaxPoolWaiting(4)
                        .setNetClientOptions(new NetClientOptions().setConnectTimeout((int) timeout.toMillis())));
    }

    @Override
    public ProbeKind kind() {
        return ProbeKind.REDIS;
    }

    @Override
    public String endpoint() {
        return Endpoints.redact(uri);
    }

    @Override
    public CompletionStage<ProbeResult> probe() {
        Stopwatch watch = Stopwatch.start();
        return redis.send(Request.cmd(Command.PING))
                .compose(pong -> redis.send(Request.cmd(Command.INFO).arg("persistence")))
                .toCompletionStage()
                .handle((info, failure) -> failure != null
                        ? ProbeResult.down(Failures.describe(failure, timeout), watch.elapsed())
                        : judge(info, watch.elapsed()));
    }

    private ProbeResult judge(Response info, Duration latency) {
        String text = info == null ? "" : info.toString();
        if ("1".equals(field(text, "loading").orElse("0"))) {
            return ProbeResult.degraded("loading its data set", latency);
        }
        if (requireAof && !"1".equals(field(text, "aof_enabled").orElse("0"))) {
            return ProbeResult.degraded(
                    "AOF persistence is off: session data would lose more than the plan's 1-minute RPO", latency);
        }
        if (requireAof && "err".equals(field(text, "aof_last_write_status").orElse("ok"))) {
            return ProbeResult.degraded("the last AOF write failed", latency);
        }
        return ProbeResult.up(latency);
    }

    private static Optional<String> field(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return Optional.of(line.substring(name.length() + 1).trim());
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        redis.close();
    }
}
