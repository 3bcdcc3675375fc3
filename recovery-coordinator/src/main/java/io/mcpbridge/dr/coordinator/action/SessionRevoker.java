package io.mcpbridge.dr.coordinator.action;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Revokes sessions as the plan's security-breach step means it, without its {@code FLUSHDB}: only the keys
 * matching the session pattern ({@code session:*}) are removed, found with SCAN and removed with UNLINK in
 * batches, so rate-limit counters and anything else in the store stay. A pattern that could match more than
 * one prefix's keys is refused.
 */
public final class SessionRevoker {

    /** A literal prefix followed by {@code *}: {@code session:*}. Never {@code *} alone. */
    private static final Pattern PREFIX_PATTERN = Pattern.compile("[A-Za-z0-9_.-]+:\\*");

    private static final long TIMEOUT_SECONDS = 30;

    private final Redis redis;

    public SessionRevoker(Redis redis) {
        this.redis = redis;
    }

    public ActionResult revoke(String pattern) {
        if (pattern == null || !PREFIX_PATTERN.matcher(pattern).matches()) {
            return ActionResult.failed(
                    "session pattern '" + pattern + "' refused: it must be a prefix such as session:*");
        }
        long removed = 0;
        try {
            String cursor = "0";
            do {
                Response page = call(Request.cmd(Command.SCAN)
                        .arg(cursor)
                        .arg("MATCH")
                        .arg(pattern)
                        .arg("COUNT")
                        .arg(1000));
                cursor = page.get(0).toString();
                List<String> keys = new ArrayList<>();
                for (Response key : page.get(1)) {
                    keys.add(key.toString());
                }
                if (!keys.isEmpty()) {
                    Request unlink = Request.cmd(Command.UNLINK);
                    keys.forEach(unlink::arg);
                    removed += call(unlink).toLong();
                }
            } while (!"0".equals(cursor));
            return ActionResult.ok("revoked " + removed + " sessions (" + pattern + ")");
        } catch (Exception e) {
            return ActionResult.failed("revoking sessions failed after " + removed + " removed: " + e.getMessage());
        }
    }

    /**
     * Whether any key matches the session pattern: a Redis that came back empty after a restart has lost its
     * data, however healthy it answers.
     */
    public ActionResult anyMatching(String pattern) {
        if (pattern == null || !PREFIX_PATTERN.matcher(pattern).matches()) {
            return ActionResult.failed(
                    "session pattern '" + pattern + "' refused: it must be a prefix such as session:*");
        }
        try {
            String cursor = "0";
            do {
                Response page = call(Request.cmd(Command.SCAN)
                        .arg(cursor)
                        .arg("MATCH")
                        .arg(pattern)
                        .arg("COUNT")
                        .arg(1000));
                if (page.get(1).size() > 0) {
                    return ActionResult.ok("sessions present (" + pattern + ")");
                }
                cursor = page.get(0).toString();
            } while (!"0".equals(cursor));
            return ActionResult.failed("no key matches " + pattern);
        } catch (Exception e) {
            return ActionResult.failed("the session store could not be read: " + e.getMessage());
        }
    }

    private Response call(Request request) throws Exception {
        return redis.send(request).toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
