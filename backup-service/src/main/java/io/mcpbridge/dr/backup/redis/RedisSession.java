package io.mcpbridge.dr.backup.redis;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One connection to a Redis for a backup or restore, used from a worker thread: requests are pipelined
 * (a batch is one write and its replies stream back), and the caller waits with a bound.
 */
public final class RedisSession implements AutoCloseable {

    /** Replies a connection may owe at once: two batches in flight of a few thousand commands. */
    private static final int MAX_PIPELINED = 64 * 1024;

    private final Redis client;
    private final RedisConnection connection;
    private final Context context;
    private final Duration timeout;

    private RedisSession(Redis client, RedisConnection connection, Duration timeout, Context context) {
        this.client = client;
        this.connection = connection;
        this.context = context;
        this.timeout = timeout;
    }

    public static RedisSession open(Vertx vertx, RedisEndpoint endpoint, Duration timeout) throws IOException {
        RedisOptions options = new RedisOptions()
                .setConnectionString(endpoint.connectionString())
                .setMaxPoolSize(1)
                .setMaxPoolWaiting(16)
                .setMaxWaitingHandlers(MAX_PIPELINED);
        endpoint.password().ifPresent(options::setPassword);
        Redis client = Redis.createClient(vertx, options);
        try {
            RedisConnection connection = await(
                    client.connect().toCompletionStage().toCompletableFuture(), timeout, "connect to " + endpoint);
            return new RedisSession(client, connection, timeout, vertx.getOrCreateContext());
        } catch (IOException e) {
            client.close();
            throw e;
        }
    }

    /** Sends one command and waits for its reply. */
    public Response call(Request request) throws IOException {
        return await(send(request), timeout, "Redis " + request.command());
    }

    public CompletableFuture<Response> send(Request request) {
        return onContext(() -> connection.send(request));
    }

    /** Pipelines the requests; the future completes with every reply, in order. */
    public CompletableFuture<List<Response>> batch(List<Request> requests) {
        return onContext(() -> connection.batch(requests));
    }

    /**
     * Issues a request from this session's Vert.x context. Issued from a plain thread, every request would
     * make the client set up a fresh context, which costs more than the request itself at a million keys.
     */
    private <T> CompletableFuture<T> onContext(Supplier<Future<T>> request) {
        CompletableFuture<T> reply = new CompletableFuture<>();
        context.runOnContext(ignored -> request.get().onComplete(result -> {
            if (result.succeeded()) {
                reply.complete(result.result());
            } else {
                reply.completeExceptionally(result.cause());
            }
        }));
        return reply;
    }

    /** Waits for a reply with this session's bound. */
    public <T> T await(CompletableFuture<T> reply, String what) throws IOException {
        return await(reply, timeout, what);
    }

    private static <T> T await(CompletableFuture<T> reply, Duration timeout, String what) throws IOException {
        try {
            return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for " + what);
        } catch (TimeoutException e) {
            throw new IOException(what + " timed out after " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IOException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void close() {
        connection.close();
        client.close();
    }
}
