package io.mcpbridge.dr.backup.bench;

import com.sun.management.OperatingSystemMXBean;
import io.mcpbridge.dr.backup.archive.ArchiveReader;
import io.mcpbridge.dr.backup.archive.Progress;
import io.mcpbridge.dr.backup.crypto.ArchiveCipher;
import io.mcpbridge.dr.backup.crypto.ArchiveKey;
import io.mcpbridge.dr.backup.operation.BackupContext;
import io.mcpbridge.dr.backup.operation.BackupRequest;
import io.mcpbridge.dr.backup.operation.BackupTaker;
import io.mcpbridge.dr.backup.operation.Outcome;
import io.mcpbridge.dr.backup.operation.Tuning;
import io.mcpbridge.dr.backup.redis.KeyRecord;
import io.mcpbridge.dr.backup.redis.RedisEndpoint;
import io.mcpbridge.dr.backup.redis.RedisRestorer;
import io.mcpbridge.dr.backup.redis.RedisSession;
import io.mcpbridge.dr.backup.redis.SnapshotMethods;
import io.mcpbridge.dr.backup.store.S3Clients;
import io.mcpbridge.dr.backup.store.S3ObjectStore;
import io.mcpbridge.dr.backup.support.Contexts;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The service's own backup and restore code, driven from the command line by {@code bench/backup/run.sh}
 * so each run is a fresh process whose peak memory can be read:
 * <pre>
 * serve   S3_URL DIR REDIS_PORT             one cold backup, then a backup for each "backup" line read from
 *                                           stdin, so runs can alternate with another tool's in one process
 * backup  S3_URL DIR REDIS_PORT RUNS        configs + certs + redis of make-data.sh's DIR, to the bucket
 * apply   S3_URL BACKUP_ID REDIS_PORT RUNS  the restore's apply pass: the archive streamed into an empty Redis
 * resp    REDIS_PORT FILE                   the baseline's input: RESTORE commands for every key, in RESP
 * </pre>
 * Each run of backup and apply prints one line of {@code name=value} figures. The service is a long-running
 * process, so the first run in a fresh JVM (labelled {@code cold}: the JIT compiles meanwhile, on the same two
 * cores) is reported apart from the next ones ({@code warm}), which are what a running service does. The
 * archive key comes from {@code BENCH_KEY}; {@code BENCH_SCOPES} (for example {@code redis}) times one part
 * alone, {@code BENCH_METHOD} ({@code replication}, {@code scan}, default {@code auto}, as the service) how Redis is
 * read, and {@code BENCH_THREADS=1} adds each thread's CPU ticks to a backup's line.
 */
public final class BackupBenchMain {

    private BackupBenchMain() {}

    public static void main(String[] args) throws Exception {
        // The service warms its cipher up at start (see ArchiveCipher.warmUp); a fresh process must too.
        ArchiveCipher.warmUp();
        Vertx vertx = Vertx.vertx();
        try {
            switch (args[0]) {
                case "serve" -> serve(vertx, URI.create(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
                case "backup" -> {
                    for (int run = 0; run < Integer.parseInt(args[4]); run++) {
                        backup(vertx, URI.create(args[1]), Path.of(args[2]), Integer.parseInt(args[3]), label(run));
                    }
                }
                case "apply" -> {
                    for (int run = 0; run < Integer.parseInt(args[4]); run++) {
                        apply(vertx, URI.create(args[1]), args[2], Integer.parseInt(args[3]), label(run));
                    }
                }
                case "resp" -> resp(vertx, Integer.parseInt(args[1]), Path.of(args[2]));
                default -> throw new IllegalArgumentException("backup | apply | resp");
            }
        } finally {
            vertx.close();
        }
    }

    private static void serve(Vertx vertx, URI s3, Path dir, int redisPort) throws Exception {
        backup(vertx, s3, dir, redisPort, "cold");
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = commands.readLine()) != null && line.strip().equals("backup")) {
            backup(vertx, s3, dir, redisPort, "warm");
        }
    }

    private static String label(int run) {
        return run == 0 ? "cold" : "warm";
    }

    private static void backup(Vertx vertx, URI s3, Path dir, int redisPort, String label) throws Exception {
        try (S3ObjectStore store = store(s3)) {
            BackupContext context = Contexts.context(
                    store,
                    key(),
                    Clock.systemUTC(),
                    vertx,
                    Contexts.noKubernetes(),
                    Contexts.sources(dir.resolve("configs"), dir.resolve("certs"), "127.0.0.1:" + redisPort, "none"));
            long start = System.nanoTime();
            long cpuStart = cpuNanos();
            var ticksBefore = threadTicks();
            Outcome outcome = new BackupTaker(withChunk(context))
                    .take(
                            new BackupRequest(
                                    scopes(), context.sources(), BackupIndex.Purpose.MANUAL, false, "bench", "bench"),
                            new Progress());
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (cpuNanos() - cpuStart) / 1e9;
            if (System.getenv("BENCH_THREADS") != null) {
                var after = threadTicks();
                after.forEach((name, t) -> {
                    long d = t - ticksBefore.getOrDefault(name, 0L);
                    if (d > 5) {
                        System.out.print(name + "=" + d + " ");
                    }
                });
                System.out.println();
            }
            System.out.flush();
            System.out.printf(
                    "%s backup_id=%s seconds=%.2f jvm_cpu_seconds=%.2f stored_bytes=%d redis_keys=%d configs=%d"
                            + " redis_method=%s %s%n",
                    label,
                    outcome.backupId(),
                    seconds,
                    cpu,
                    outcome.sizeBytes(),
                    outcome.counts().get("redisKeys"),
                    outcome.counts().get("configs"),
                    redisMethod(outcome),
                    memory());
        }
    }

    /** How the backup read Redis: the service says so when it read key by key. */
    private static String redisMethod(Outcome outcome) {
        return outcome.note() != null && outcome.note().contains("key by key") ? "scan" : "replication";
    }

    private static void apply(Vertx vertx, URI s3, String backupId, int redisPort, String label) throws Exception {
        try (S3ObjectStore store = store(s3);
                RedisSession session = RedisSession.open(vertx, endpoint(redisPort), Duration.ofSeconds(60))) {
            session.call(Request.cmd(Command.FLUSHALL).arg("SYNC")); // an empty Redis each run, untimed
            BackupContext context = withChunk(Contexts.context(
                    store,
                    key(),
                    Clock.systemUTC(),
                    vertx,
                    Contexts.noKubernetes(),
                    Contexts.sources(Path.of("."), Path.of("."), "127.0.0.1:" + redisPort, "x")));
            long start = System.nanoTime();
            RedisRestorer restorer = new RedisRestorer(
                    session,
                    context.tuning().restoreBatch(),
                    context.tuning().restoreBatchesInFlight(),
                    context.clock());
            try (InputStream in = store.open(context.layout().archiveKey(backupId))) {
                ArchiveReader.read(in, context.cipher(), backupId, new Progress(), (name, mode, content) -> {
                    if (name.startsWith("redis/")) {
                        DataInputStream records = new DataInputStream(new BufferedInputStream(content, 64 * 1024));
                        KeyRecord record;
                        while ((record = KeyRecord.readFrom(records)) != null) {
                            restorer.add(record);
                        }
                    }
                });
            }
            RedisRestorer.Counts counts = restorer.finish();
            double seconds = (System.nanoTime() - start) / 1e9;
            long keys = session.call(Request.cmd(Command.DBSIZE)).toLong();
            System.out.printf(
                    "%s apply_seconds=%.2f restored=%d expired=%d keys_in_redis=%d %s%n",
                    label, seconds, counts.restored(), counts.expired(), keys, memory());
        }
    }

    /** Writes {@code RESTORE key ttl payload REPLACE} for every key, the input of {@code redis-cli --pipe}. */
    private static void resp(Vertx vertx, int redisPort, Path file) throws Exception {
        long keys = 0;
        try (RedisSession session = RedisSession.open(vertx, endpoint(redisPort), Duration.ofSeconds(60));
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            String cursor = "0";
            do {
                Response page = session.call(
                        Request.cmd(Command.SCAN).arg(cursor).arg("COUNT").arg(1000));
                cursor = page.get(0).toString();
                List<byte[]> names = new ArrayList<>();
                List<Request> requests = new ArrayList<>();
                for (Response name : page.get(1)) {
                    names.add(name.toBytes());
                    requests.add(Request.cmd(Command.DUMP).arg(name.toBytes()));
                    requests.add(Request.cmd(Command.PTTL).arg(name.toBytes()));
                }
                List<Response> replies =
                        requests.isEmpty() ? List.of() : session.await(session.batch(requests), "dump");
                for (int i = 0; i < names.size(); i++) {
                    long ttl = Math.max(0, replies.get(2 * i + 1).toLong());
                    write(
                            out,
                            "RESTORE".getBytes(StandardCharsets.US_ASCII),
                            names.get(i),
                            Long.toString(ttl).getBytes(StandardCharsets.US_ASCII),
                            replies.get(2 * i).toBytes(),
                            "REPLACE".getBytes(StandardCharsets.US_ASCII));
                    keys++;
                }
            } while (!"0".equals(cursor));
        }
        System.out.printf("resp_keys=%d resp_bytes=%d%n", keys, Files.size(file));
    }

    private static void write(OutputStream out, byte[]... parts) throws IOException {
        out.write(("*" + parts.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] part : parts) {
            out.write(("$" + part.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(part);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** The service's defaults: 4 MiB Redis chunks. */
    private static BackupContext withChunk(BackupContext context) {
        var t = context.tuning();
        return context.withTuning(new Tuning(
                4 * 1024 * 1024,
                t.scanCount(),
                t.restoreBatch(),
                t.restoreBatchesInFlight(),
                t.redisTimeout(),
                t.skip(),
                t.redisPassword(),
                t.scratchRedisServer(),
                t.sampleSize(),
                SnapshotMethods.parse(
                        Optional.ofNullable(System.getenv("BENCH_METHOD")).orElse("auto"), "BENCH_METHOD")));
    }

    private static S3ObjectStore store(URI s3) {
        // s3 like http://127.0.0.1:18090/backups
        String bucket = s3.getPath().replaceAll("^/|/$", "");
        URI endpoint = URI.create(s3.getScheme() + "://" + s3.getAuthority());
        return new S3ObjectStore(
                S3Clients.create(
                        Optional.of(endpoint),
                        "us-east-1",
                        true,
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(env("S3_AK", "test-ak"), env("S3_SK", "test-sk")))),
                bucket,
                "bench/",
                16 * 1024 * 1024,
                2);
    }

    /** {@code BENCH_SCOPES} (comma separated) to time one part alone; all three by default. */
    private static List<BackupScope> scopes() {
        return Arrays.stream(env("BENCH_SCOPES", "configs,certs,redis").split(","))
                .map(BackupScope::of)
                .toList();
    }

    private static ArchiveKey key() {
        return ArchiveKey.fromBase64(System.getenv("BENCH_KEY"), "BENCH_KEY");
    }

    private static RedisEndpoint endpoint(int port) {
        return RedisEndpoint.parse("127.0.0.1:" + port, Optional.empty(), "bench redis");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** CPU seconds by thread name (numbers folded), from /proc, for every thread of this process. */
    static Map<String, Long> threadTicks() throws IOException {
        Map<String, Long> ticks = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "#");
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return ticks;
    }

    private static long cpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Peak resident memory of this process and peak heap in use, in MiB. */
    private static String memory() throws IOException {
        long hwmKb = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmHWM:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst()
                .orElse(-1);
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        return String.format("peak_rss_mib=%d peak_heap_mib=%d", hwmKb / 1024, heapPeak / (1024 * 1024));
    }
}
