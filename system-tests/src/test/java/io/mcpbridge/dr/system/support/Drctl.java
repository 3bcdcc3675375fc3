package io.mcpbridge.dr.system.support;

import io.mcpbridge.dr.testing.TestSigners;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged drctl as an engineer runs it: a process of its own, with a home directory of its own (settings
 * file, key file) and no terminal, so it prints plain lines and never prompts.
 */
public final class Drctl {

    private static final Duration LONGEST = Duration.ofMinutes(4);

    private final Path jar;
    private final Path home;
    private final String bootstrapServers;
    private final Map<String, String> environment;

    private Drctl(Path jar, Path home, String bootstrapServers, Map<String, String> environment) {
        this.jar = jar;
        this.home = home;
        this.bootstrapServers = bootstrapServers;
        this.environment = environment;
    }

    /** The same drctl with these environment variables set ({@code MCPDR_KAFKA_SASL_JAAS_CONFIG}, ...). */
    public Drctl withEnvironment(Map<String, String> variables) {
        Map<String, String> all = new HashMap<>(environment);
        all.putAll(variables);
        return new Drctl(jar, home, bootstrapServers, Map.copyOf(all));
    }

    /**
     * drctl for {@code signer}, one of {@link TestSigners}: its settings file names the broker and the identity,
     * and its key file (mode 0600) holds the signer's private key.
     */
    public static Drctl as(String signer, String bootstrapServers) {
        String jar = System.getProperty("drctl.jar");
        if (jar == null) {
            throw new IllegalStateException("system property drctl.jar names no jar: run through Maven");
        }
        try {
            Path home = Files.createTempDirectory("drctl-home-");
            Path config = Files.createDirectories(home.resolve(".config/mcpdr"));
            Files.writeString(
                    config.resolve("drctl.properties"),
                    "bootstrap.servers=" + bootstrapServers + "\nidentity=" + signer + "\n");
            Path key = config.resolve("drctl.key");
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(
                    key,
                    "-----BEGIN PRIVATE KEY-----\n" + TestSigners.privateKey(signer) + "\n-----END PRIVATE KEY-----\n");
            return new Drctl(Path.of(jar), home, bootstrapServers, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** What one run printed and how it ended. */
    public record Run(List<String> args, int exitCode, String out, String err) {

        /** Both streams, for assertion messages. */
        public String all() {
            return "drctl " + String.join(" ", args) + " exited " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n"
                    + err;
        }
    }

    public Run run(String... args) {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(home, "out-", ".txt");
            Path err = Files.createTempFile(home, "err-", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("HOME", home.toString());
            builder.environment().remove("XDG_CONFIG_HOME");
            builder.environment().keySet().removeIf(name -> name.startsWith("MCPDR_"));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(LONGEST.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("drctl " + String.join(" ", args) + " ran longer than " + LONGEST);
            }
            return new Run(
                    List.of(args),
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running drctl", e);
        }
    }
}
