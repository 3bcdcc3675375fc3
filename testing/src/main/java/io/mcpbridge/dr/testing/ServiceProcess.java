package io.mcpbridge.dr.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * One of our packaged services ({@code target/quarkus-app/quarkus-run.jar}) as a process of its own, so a
 * test can stop it as an operator would or kill it as a crash would, and start another. Its output goes to
 * {@code target/<name>.log}.
 */
public final class ServiceProcess implements AutoCloseable {

    /** The system property whose space-separated JVM options every service process gets besides its heap's limit. */
    public static final String JVM_OPTIONS = "service.jvm.options";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final int httpPort;

    private ServiceProcess(String name, Process process, Path log, int httpPort) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    /**
     * The settings that point a packaged service at the test's peers: its broker (read from the beginning, so
     * nothing published before the service's first position is lost) and the Kubernetes API.
     */
    public static Map<String, String> peerSettings(String bootstrapServers, String kubernetesApiUrl, String namespace) {
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap.servers", bootstrapServers);
        settings.put("mp.messaging.connector.smallrye-kafka.auto.offset.reset", "earliest");
        settings.put("quarkus.kubernetes-client.api-server-url", kubernetesApiUrl);
        settings.put("quarkus.kubernetes-client.trust-certs", "true");
        settings.put("quarkus.kubernetes-client.namespace", namespace);
        return settings;
    }

    /**
     * Starts the jar with these settings (as system properties) on a free HTTP port.
     *
     * @param jar the packaged service; missing means the module was not packaged before its integration tests
     */
    /**
     * Starts the packaged service whose jar the build names in system property {@code jarProperty}
     * ({@code coordinator.jar}), as the integration tests' Maven configuration sets it.
     */
    public static ServiceProcess startPackaged(String jarProperty, String name, Map<String, String> settings) {
        String jar = System.getProperty(jarProperty);
        if (jar == null) {
            throw new IllegalStateException("system property " + jarProperty + " names no jar: run through Maven");
        }
        return start(Path.of(jar), name, settings);
    }

    /** Waits (bounded) until the service's readiness check says UP. */
    public void awaitReady(Duration atMost) {
        Awaitility.await(name + " ready")
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> get("/q/health/ready").contains("\"UP\""));
    }

    public static ServiceProcess start(Path jar, String name, Map<String, String> settings) {
        return start(jar, name, settings, Map.of());
    }

    /**
     * As {@link #start(Path, String, Map)}, with environment variables besides: settings as a deployment gives
     * them ({@code KAFKA_BOOTSTRAP_SERVERS}, ...).
     */
    public static ServiceProcess start(
            Path jar, String name, Map<String, String> settings, Map<String, String> environment) {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the service first");
        }
        int port = FreePorts.next();
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        // A benchmark compares JVM settings with it: -Dservice.jvm.options='-XX:TieredStopAtLevel=1'.
        String options = System.getProperty(JVM_OPTIONS, "").strip();
        if (!options.isEmpty()) {
            command.addAll(List.of(options.split("\\s+")));
        }
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of(
                "-Dquarkus.http.port=" + port, "-Dquarkus.log.console.json.enabled=false", "-jar", jar.toString()));
        Path log = jar.getParent().getParent().resolve(name + ".log");
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return new ServiceProcess(name, builder.start(), log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops it as an operator would (SIGTERM) and waits for it to exit. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException(name + " did not stop within 60 s; see " + log);
        }
        return process.exitValue();
    }

    /** Kills it as a crash would (SIGKILL): no shutdown hook, no commit, no goodbye to the group. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " survived SIGKILL for 10 s");
        }
    }

    /** GET on its HTTP port; the body, or empty text while it does not answer. */
    public String get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
