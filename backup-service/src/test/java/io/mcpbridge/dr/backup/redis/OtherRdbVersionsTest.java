package io.mcpbridge.dr.backup.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.testing.OtherServer;
import io.mcpbridge.dr.testing.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The snapshot read as a replica from servers of other RDB versions than the machine's redis-server 7.0 (RDB 10,
 * which the other tests use): Redis 6.0 (RDB 9, the format of Redis 5.0 to 6.2, whose snapshot comes from a file
 * with its length announced, and which does not know {@code REPLCONF rdb-only}), Valkey 8.0 (RDB 11, the format
 * of Redis 7.2) and Redis 8.0 (RDB 12, the format of Redis 7.4 and later). Every type, in each encoding the server
 * picks by size (ziplists in 6.0, listpacks from 7.0, the two additions of version 11: small sets as listpacks,
 * streams with their consumers' active time, and version 12's hashes whose fields expire one by one), comes out
 * as the server's own DUMP of it (for hash tables, the same members: their order is the table's of that moment)
 * and restores, with its expiry, into another server of the same version.
 */
class OtherRdbVersionsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** What each server is expected to write: its RDB version, what INFO names it, the encodings it picks. */
    enum Version {
        RDB_9(
                OtherServer.REDIS_6_0,
                9,
                "redis_version:6.0",
                // DEBUG is always on in 6.0; the option that turns it on came with 7.0.
                List.of(),
                List.of("int", "embstr", "raw", "quicklist", "intset", "hashtable", "ziplist", "skiplist", "stream")),
        RDB_11(
                OtherServer.VALKEY_8_0,
                11,
                "valkey_version:8.0",
                List.of("--enable-debug-command", "yes"),
                List.of("int", "embstr", "raw", "listpack", "quicklist", "intset", "hashtable", "skiplist", "stream")),
        RDB_12(
                OtherServer.REDIS_8_0,
                12,
                "redis_version:8.0",
                List.of("--enable-debug-command", "yes"),
                List.of("int", "embstr", "raw", "listpack", "quicklist", "intset", "hashtable", "skiplist", "stream"));

        final OtherServer server;
        final int rdbVersion;
        final String info;
        /** DEBUG DIGEST-VALUE compares a value whatever the order its encoding keeps it in. */
        final List<String> debugArguments;

        final List<String> encodings;

        Version(OtherServer server, int rdbVersion, String info, List<String> debugArguments, List<String> encodings) {
            this.server = server;
            this.rdbVersion = rdbVersion;
            this.info = info;
            this.debugArguments = debugArguments;
            this.encodings = encodings;
        }
    }

    private RedisServer source;
    private RedisServer target;
    private Vertx vertx;
    private RedisSession sourceSession;
    private RedisSession targetSession;

    @AfterEach
    void stop() {
        if (sourceSession != null) {
            sourceSession.close();
        }
        if (targetSession != null) {
            targetSession.close();
        }
        if (vertx != null) {
            vertx.close();
        }
        if (source != null) {
            source.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void everyTypeAndEncodingIsReadAsTheServersOwnDumpAndRestores(Version version) throws Exception {
        source = version.server.start(version.debugArguments);
        target = version.server.start(version.debugArguments);
        vertx = Vertx.vertx();
        sourceSession = RedisSession.open(vertx, SnapshotRecords.endpoint(source), TIMEOUT);
        targetSession = RedisSession.open(vertx, SnapshotRecords.endpoint(target), TIMEOUT);
        assertThat(source.command("INFO", "server")).contains(version.info);
        Map<String, String> encodings = fill();
        assertThat(encodings.values())
                .as("the encodings the server chose: each kind the test means to cover")
                .containsAll(version.encodings);
        if (version != Version.RDB_9) {
            assertThat(encodings).containsEntry("set:small", "listpack");
        }
        if (version == Version.RDB_12) {
            encodings.putAll(fieldsExpiring());
        }
        Map<String, byte[]> dumps = dumps(sourceSession, encodings.keySet());

        List<KeyRecord> records = new ArrayList<>();
        new ReplicationSnapshot(
                        SnapshotRecords.endpoint(source), new KeyPatterns(List.of()), TIMEOUT, Clock.systemUTC())
                .stream(64 * 1024, chunk -> records.addAll(SnapshotRecords.decode(chunk)));

        assertThat(records)
                .extracting(record -> new String(record.key(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(encodings.keySet());
        byte[] rdbVersion = {(byte) version.rdbVersion, 0};
        for (KeyRecord record : records) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            // A hash table's members come in the order of the table when it was read, which rehashing changes.
            if (!encodings.get(key).equals("hashtable")) {
                assertThat(record.dump()).as(key + ": the server's own DUMP").isEqualTo(dumps.get(key));
            }
            byte[] dump = record.dump();
            assertThat(new byte[] {dump[dump.length - 10], dump[dump.length - 9]})
                    .as(key + ": a payload of RDB version " + version.rdbVersion)
                    .isEqualTo(rdbVersion);
        }
        assertThat(records)
                .filteredOn(record -> new String(record.key(), StandardCharsets.UTF_8).equals("string:expiring"))
                .singleElement()
                .satisfies(record -> assertThat(record.expireAtMillis()).isGreaterThan(System.currentTimeMillis()));

        RedisRestorer restorer = new RedisRestorer(targetSession, 100, 4, Clock.systemUTC());
        for (KeyRecord record : records) {
            restorer.add(record);
        }
        assertThat(restorer.finish().restored()).isEqualTo(encodings.size());
        Map<String, String> digests = digests(sourceSession, encodings.keySet());
        assertThat(digests(targetSession, encodings.keySet()))
                .as("every value restored as it was")
                .isEqualTo(digests);
        assertThat(targetSession
                        .call(Request.cmd(Command.PTTL).arg("string:expiring"))
                        .toLong())
                .as("the expiry restored")
                .isPositive();
        if (version == Version.RDB_12) {
            for (String[] field : new String[][] {
                {"hash:fields-expiring-small", "token", "user"}, {"hash:fields-expiring-large", "field-7", "field-8"}
            }) {
                Response ttls = targetSession.call(Request.cmd(Command.create("HPTTL"))
                        .arg(field[0])
                        .arg("FIELDS")
                        .arg(2)
                        .arg(field[1])
                        .arg(field[2]));
                assertThat(ttls.get(0).toLong())
                        .as(field[0] + ": its expiring field keeps its expiry")
                        .isPositive();
                assertThat(ttls.get(1).toLong())
                        .as(field[0] + ": its other field none")
                        .isEqualTo(-1);
            }
            assertThat(encodings).containsEntry("hash:fields-expiring-small", "listpackex");
        }
    }

    /** One key of each type and size; returns each key with the encoding the server gave it. */
    private Map<String, String> fill() throws Exception {
        List<Request> writes = new ArrayList<>();
        writes.add(Request.cmd(Command.SET).arg("string:int").arg("123456"));
        writes.add(Request.cmd(Command.SET).arg("string:short").arg("a session"));
        writes.add(Request.cmd(Command.SET).arg("string:long").arg("x".repeat(2000)));
        writes.add(Request.cmd(Command.SET)
                .arg("string:expiring")
                .arg("{\"user\":\"u1\"}")
                .arg("PX")
                .arg(3_600_000));
        writes.add(
                Request.cmd(Command.RPUSH).arg("list:small").arg("a").arg("b").arg("c"));
        writes.add(many(Request.cmd(Command.RPUSH).arg("list:large"), 2000, i -> List.of("item-" + i)));
        writes.add(Request.cmd(Command.SADD).arg("set:ints").arg(1).arg(2).arg(3));
        writes.add(Request.cmd(Command.SADD).arg("set:small").arg("read").arg("write"));
        writes.add(many(Request.cmd(Command.SADD).arg("set:large"), 1000, i -> List.of("member-" + i)));
        writes.add(Request.cmd(Command.HSET)
                .arg("hash:small")
                .arg("user")
                .arg("u1")
                .arg("scope")
                .arg("tools"));
        writes.add(many(Request.cmd(Command.HSET).arg("hash:large"), 1000, i -> List.of("field-" + i, "value-" + i)));
        writes.add(Request.cmd(Command.ZADD)
                .arg("zset:small")
                .arg(1)
                .arg("a")
                .arg(2)
                .arg("b"));
        writes.add(many(Request.cmd(Command.ZADD).arg("zset:large"), 1000, i -> List.of(Integer.toString(i), "m" + i)));
        for (int i = 0; i < 50; i++) {
            writes.add(Request.cmd(Command.XADD)
                    .arg("stream:events")
                    .arg("*")
                    .arg("n")
                    .arg(i));
        }
        writes.add(Request.cmd(Command.XGROUP)
                .arg("CREATE")
                .arg("stream:events")
                .arg("readers")
                .arg("0"));
        writes.add(Request.cmd(Command.XREADGROUP)
                .arg("GROUP")
                .arg("readers")
                .arg("reader-1")
                .arg("COUNT")
                .arg(10)
                .arg("STREAMS")
                .arg("stream:events")
                .arg(">"));
        sourceSession.await(sourceSession.batch(writes), "fill");

        return encodingsOf(List.of(
                "string:int",
                "string:short",
                "string:long",
                "string:expiring",
                "list:small",
                "list:large",
                "set:ints",
                "set:small",
                "set:large",
                "hash:small",
                "hash:large",
                "zset:small",
                "zset:large",
                "stream:events"));
    }

    /**
     * Hashes whose fields expire one by one (Redis 7.4, RDB 12 writes them as types of their own), small and large;
     * returns each key with its encoding.
     */
    private Map<String, String> fieldsExpiring() throws Exception {
        List<Request> writes = new ArrayList<>();
        writes.add(Request.cmd(Command.HSET)
                .arg("hash:fields-expiring-small")
                .arg("token")
                .arg("t1")
                .arg("user")
                .arg("u1"));
        writes.add(many(
                Request.cmd(Command.HSET).arg("hash:fields-expiring-large"),
                1000,
                i -> List.of("field-" + i, "value-" + i)));
        for (String key : List.of("hash:fields-expiring-small", "hash:fields-expiring-large")) {
            writes.add(Request.cmd(Command.create("HPEXPIRE"))
                    .arg(key)
                    .arg(3_600_000)
                    .arg("FIELDS")
                    .arg(1)
                    .arg(key.endsWith("small") ? "token" : "field-7"));
        }
        sourceSession.await(sourceSession.batch(writes), "fill the hashes whose fields expire");
        return encodingsOf(List.of("hash:fields-expiring-small", "hash:fields-expiring-large"));
    }

    /** Each key with the encoding the source server gave it, in the order given. */
    private Map<String, String> encodingsOf(List<String> keys) throws Exception {
        Map<String, String> encodings = new LinkedHashMap<>();
        for (String key : keys) {
            encodings.put(
                    key,
                    sourceSession
                            .call(Request.cmd(Command.OBJECT).arg("ENCODING").arg(key))
                            .toString());
        }
        return encodings;
    }

    private static Request many(Request request, int count, IntFunction<List<String>> arguments) {
        for (int i = 0; i < count; i++) {
            arguments.apply(i).forEach(request::arg);
        }
        return request;
    }

    private static Map<String, String> digests(RedisSession session, Iterable<String> keys) throws Exception {
        Map<String, String> digests = new LinkedHashMap<>();
        for (String key : keys) {
            digests.put(
                    key,
                    session.call(Request.cmd(Command.DEBUG).arg("DIGEST-VALUE").arg(key))
                            .toString());
        }
        return digests;
    }

    private static Map<String, byte[]> dumps(RedisSession session, Iterable<String> keys) throws Exception {
        Map<String, byte[]> dumps = new LinkedHashMap<>();
        for (String key : keys) {
            Response dump = session.call(Request.cmd(Command.DUMP).arg(key));
            dumps.put(key, dump.toBytes());
        }
        return dumps;
    }
}
