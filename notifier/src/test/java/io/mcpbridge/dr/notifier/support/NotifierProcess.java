package io.mcpbridge.dr.notifier.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged notifier as a process of its own, so a test can stop it as an operator (or a crash) would. */
public final class NotifierProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private NotifierProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code target/quarkus-app/quarkus-run.jar} (system property {@code notifier.jar}) with these settings. */
    public static NotifierProcess start(String name, Map<String, String> settings) {
        Path jar = Path.of(System.getProperty("notifier.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the notifier first");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-Dquarkus.http.port=0", "-Dquarkus.log.console.json.enabled=false", "-jar",
                jar.toString()));
        Path log = jar.getParent().getParent().resolve(name + ".log");
        try {
            return new NotifierProcess(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops it as an operator would (SIGTERM) and waits for it to exit. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("notifier did not stop within 60 s; see " + log);
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
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
