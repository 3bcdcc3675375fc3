package io.mcpbridge.dr.backup.support;

import io.mcpbridge.dr.backup.redis.RedisSession;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** MCP Bridge-shaped data in a real Redis, and a snapshot of every key to compare after a restore. */
public final class RedisData {

    /**
     * One key as Redis holds it: its value (a string's DUMP payload; for collections, their members in a
     * canonical order, because a collection rebuilt by RESTORE may iterate, and so DUMP, in another order)
     * and remaining TTL in ms (-1: none).
     */
    public record KeyState(String value, long pttl) {}

    private RedisData() {}

    /** {@code count} sessions ({@code session:<32 hex>}, JSON, TTL 1-24 h), pipelined in batches. */
    public static void loadSessions(RedisSession redis, int count, long seed) throws IOException {
        Random random = new Random(seed);
        List<Request> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] id = new byte[16];
            random.nextBytes(id);
            String sid = HexFormat.of().formatHex(id);
            String json = "{\"id\":\"" + sid + "\",\"user\":\"user" + random.nextInt(100000)
                    + "\",\"created_at\":\"2026-11-26T09:00:00Z\",\"updated_at\":\"2026-11-26T09:30:00Z\","
                    + "\"expires_at\":\"2026-11-27T09:00:00Z\",\"scopes\":[\"mcp:read\",\"mcp:write\"],"
                    + "\"metadata\":{\"ip\":\"10.0." + random.nextInt(256) + "." + random.nextInt(256) + "\"},"
                    + "\"rate_limit\":{\"rpm\":600}}";
            batch.add(Request.cmd(Command.SET)
                    .arg("session:" + sid)
                    .arg(json)
                    .arg("EX")
                    .arg(3600 + random.nextInt(82800)));
            if (batch.size() == 1000) {
                redis.await(redis.batch(batch), "load");
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            redis.await(redis.batch(batch), "load");
        }
    }

    /** One key of every other type, some with a TTL, and a rate-limit counter the backup must skip. */
    public static void loadOtherTypes(RedisSession redis) throws IOException {
        List<Request> commands = List.of(
                Request.cmd(Command.HSET)
                        .arg("user:42")
                        .arg("name")
                        .arg("Ada")
                        .arg("plan")
                        .arg("pro"),
                Request.cmd(Command.SADD)
                        .arg("tenants")
                        .arg("acme")
                        .arg("globex")
                        .arg("initech"),
                Request.cmd(Command.RPUSH).arg("audit:queue").arg("a").arg("b").arg("c"),
                Request.cmd(Command.EXPIRE).arg("audit:queue").arg(7200),
                Request.cmd(Command.ZADD)
                        .arg("leaderboard")
                        .arg(1)
                        .arg("x")
                        .arg(2.5)
                        .arg("y"),
                Request.cmd(Command.XADD)
                        .arg("events")
                        .arg("*")
                        .arg("type")
                        .arg("login")
                        .arg("user")
                        .arg("42"),
                Request.cmd(Command.XADD)
                        .arg("events")
                        .arg("*")
                        .arg("type")
                        .arg("logout")
                        .arg("user")
                        .arg("42"),
                Request.cmd(Command.SET).arg("binary:\u00ff").arg(new byte[] {0, 1, 2, (byte) 0xff}),
                Request.cmd(Command.SET)
                        .arg("ratelimit:client-1:29000000")
                        .arg("17")
                        .arg("EX")
                        .arg(60));
        redis.await(redis.batch(commands), "load");
    }

    private static String canonical(RedisSession redis, String type, String key) throws IOException {
        byte[] name = key.getBytes(StandardCharsets.ISO_8859_1);
        Request read = switch (type) {
            case "hash" -> Request.cmd(Command.HGETALL).arg(name);
            case "set" -> Request.cmd(Command.SMEMBERS).arg(name);
            case "list" -> Request.cmd(Command.LRANGE).arg(name).arg(0).arg(-1);
            case "zset" -> Request.cmd(Command.ZRANGE).arg(name).arg(0).arg(-1).arg("WITHSCORES");
            case "stream" -> Request.cmd(Command.XRANGE).arg(name).arg("-").arg("+");
            default -> throw new IllegalStateException("no canonical form for " + type);
        };
        Response reply = redis.call(read);
        List<String> parts = new ArrayList<>();
        collect(reply, parts);
        if (type.equals("set")) {
            Collections.sort(parts);
        } else if (type.equals("hash")) {
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i + 1 < parts.size(); i += 2) {
                pairs.add(parts.get(i) + "=" + parts.get(i + 1));
            }
            Collections.sort(pairs);
            parts = pairs;
        }
        return type + ":" + parts;
    }

    private static void collect(Response reply, List<String> into) {
        if (reply == null) {
            into.add("nil");
        } else if (reply.type() == ResponseType.MULTI) {
            for (Response part : reply) {
                collect(part, into);
            }
        } else {
            into.add(reply.toString());
        }
    }

    /** Every key with its value and PTTL, in key order. */
    public static Map<String, KeyState> snapshot(RedisSession redis) throws IOException {
        Map<String, KeyState> keys = new TreeMap<>();
        String cursor = "0";
        do {
            Response page = redis.call(
                    Request.cmd(Command.SCAN).arg(cursor).arg("COUNT").arg(1000));
            cursor = page.get(0).toString();
            List<Request> requests = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Response name : page.get(1)) {
                names.add(name.toString(StandardCharsets.ISO_8859_1));
                requests.add(Request.cmd(Command.DUMP).arg(name.toBytes()));
                requests.add(Request.cmd(Command.PTTL).arg(name.toBytes()));
                requests.add(Request.cmd(Command.TYPE).arg(name.toBytes()));
            }
            if (!requests.isEmpty()) {
                List<Response> replies = redis.await(redis.batch(requests), "snapshot");
                for (int i = 0; i < names.size(); i++) {
                    String type = replies.get(3 * i + 2).toString();
                    String value = "string".equals(type)
                            ? HexFormat.of().formatHex(replies.get(3 * i).toBytes())
                            : canonical(redis, type, names.get(i));
                    keys.put(
                            names.get(i),
                            new KeyState(value, replies.get(3 * i + 1).toLong()));
                }
            }
        } while (!"0".equals(cursor));
        return keys;
    }
}
