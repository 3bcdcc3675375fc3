package io.mcpbridge.dr.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the local run starts the JVM of one of the four services: with the settings the images give them
 * (containers/Dockerfile.jvm, {@code JAVA_OPTS}, and each service's build arguments), so what is measured here is
 * what is deployed.
 *
 * <p>The serial collector: these services keep little on the heap and their work comes in bursts, and G1's own
 * structures (about 40 MB per JVM) cost more than they save on two cores; health-monitor, whose webhook ingest
 * needs the throughput, the parallel one. The client compiler alone for the two services whose work is waiting
 * on Kafka and HTTP peers (notifier, recovery-coordinator): it compiles a fraction as much, so they start half a
 * second sooner and keep 10 to 15 MB less; health-monitor's ingest and backup-service's encryption (AES-GCM's
 * intrinsics are the optimising compiler's) keep both compilers.
 * A small initial heap: by default it is a sixty-fourth of the machine's memory, which the young generation
 * fills once during start-up and then keeps resident. The AppCDS archive the build made (quarkus-app/app-cds.jsa)
 * when there is one: it serves only the JVM that made it (any other ignores it and starts without), and only
 * with the class path it was made with, {@code quarkus-run.jar} relative to quarkus-app: so the command runs in
 * that directory ({@link #directory}).
 */
final class ServiceJvm {

    /**
     * As containers/Dockerfile.jvm's {@code JAVA_OPTS}, but for the collector and the compiler ({@link Tuning}), the
     * archive's path and the heap's limit.
     */
    static final List<String> OPTIONS =
            List.of("-Xms32m", "-XX:TrimNativeHeapInterval=30000", "-XX:+ExitOnOutOfMemoryError");

    /** As Dockerfile.jvm's build argument GC: serial unless a service's throughput needs the parallel one. */
    enum Collector {
        SERIAL("-XX:+UseSerialGC"),
        PARALLEL("-XX:+UseParallelGC");

        final String option;

        Collector(String option) {
            this.option = option;
        }
    }

    /** As Dockerfile.jvm's build argument JIT: both compilers (the JVM's default) or the client compiler alone. */
    enum Compiler {
        TIERED(null),
        CLIENT_ONLY("-XX:TieredStopAtLevel=1");

        /** The option that selects it; null: none, the JVM's default. */
        final String option;

        Compiler(String option) {
            this.option = option;
        }
    }

    /** A service's collector and compiler, as its image's build arguments set them. */
    record Tuning(Collector collector, Compiler compiler) {}

    /** Every service's tuning, by name: its image's build arguments say the same (held by ServiceJvmTest). */
    static final Map<String, Tuning> TUNING = Map.of(
            "health-monitor", new Tuning(Collector.PARALLEL, Compiler.TIERED),
            "notifier", new Tuning(Collector.SERIAL, Compiler.CLIENT_ONLY),
            "backup-service", new Tuning(Collector.SERIAL, Compiler.TIERED),
            "recovery-coordinator", new Tuning(Collector.SERIAL, Compiler.CLIENT_ONLY));

    /**
     * As the images' environment: two malloc arenas rather than eight per core, whose free space the JVM returns
     * to the system every 30 s (TrimNativeHeapInterval); start-up's JIT and class loading leave tens of
     * megabytes free in them otherwise.
     */
    static final Map<String, String> ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    /**
     * Replaces all of the above, archive included (space-separated JVM options), to measure other settings the
     * same way: {@code MCPDR_SERVICE_JVM_OPTIONS=-XX:+UseG1GC ./dr-local} runs the JVM's defaults.
     */
    static final String OVERRIDE_VARIABLE = "MCPDR_SERVICE_JVM_OPTIONS";

    private static final String ARCHIVE = "app-cds.jsa";

    private final List<String> options;
    /** The settings above (collector, archive and environment included), not those of the override. */
    private final boolean own;

    private final Map<String, String> environment;

    private ServiceJvm(List<String> options, boolean own, Map<String, String> environment) {
        this.options = options;
        this.own = own;
        this.environment = environment;
    }

    /** The settings above, or those of {@link #OVERRIDE_VARIABLE} when it is set. */
    static ServiceJvm fromEnvironment() {
        String override = System.getenv(OVERRIDE_VARIABLE);
        if (override == null || override.isBlank()) {
            return new ServiceJvm(OPTIONS, true, ENVIRONMENT);
        }
        return new ServiceJvm(List.of(override.trim().split("\\s+")), false, Map.of());
    }

    /**
     * {@code java <settings> -Xmx<maxHeap> <properties> -jar quarkus-run.jar} for the service of this name (its
     * {@link #TUNING}), to run in {@link #directory}: every path among the properties must be absolute.
     */
    List<String> command(String javaBin, Path runJar, String service, String maxHeap, List<String> properties) {
        Tuning tuning = TUNING.get(service);
        if (tuning == null) {
            throw new IllegalArgumentException("no JVM tuning for " + service + "; known: " + TUNING.keySet());
        }
        List<String> command = new ArrayList<>();
        command.add(javaBin);
        if (own) {
            command.add(tuning.collector().option);
            if (tuning.compiler().option != null) {
                command.add(tuning.compiler().option);
            }
        }
        command.addAll(options);
        if (own && Files.isRegularFile(runJar.resolveSibling(ARCHIVE))) {
            command.add("-XX:SharedArchiveFile=" + ARCHIVE);
        }
        command.add("-Xmx" + maxHeap);
        command.addAll(properties);
        command.add("-jar");
        command.add(runJar.getFileName().toString());
        return command;
    }

    /** The variables the service's process gets besides its own. */
    Map<String, String> environment() {
        return environment;
    }

    /** Where {@link #command} runs: the quarkus-app directory. */
    static Path directory(Path runJar) {
        return runJar.getParent();
    }
}
