package io.mcpbridge.dr.system.containers;

import io.mcpbridge.dr.system.deploy.ProjectFiles;
import io.mcpbridge.dr.system.support.Commands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's {@code docker-compose.yml}, run as users run it: by the machine's {@code docker-compose}
 * (or {@code docker compose}) command, under a project name of the test's own so that its containers and
 * volumes are apart from anyone else's, and torn down with its volumes at the end.
 */
final class ComposeProject implements AutoCloseable {

    static final Path FILE = ProjectFiles.ROOT.resolve("docker-compose.yml");

    private final String name;
    private final List<String> command;
    private final Path logs;

    private ComposeProject(String name, List<String> command, Path logs) {
        this.name = name;
        this.command = command;
        this.logs = logs;
    }

    /** Brings the file up detached; the images must have been built (profile {@code containers}). */
    static ComposeProject up(String name, Path logs) {
        ComposeProject project = new ComposeProject(name, composeCommand(), logs);
        project.run(Duration.ofMinutes(5), "up", "-d", "--no-build");
        return project;
    }

    /** {@code docker-compose} 1.29 where installed (Debian), else the Compose v2 plugin. */
    private static List<String> composeCommand() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "docker-compose"))) {
                return List.of("docker-compose");
            }
        }
        return List.of("docker", "compose");
    }

    /** Runs a compose subcommand against the file and returns its standard output. */
    String run(Duration timeout, String... arguments) {
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of("--project-name", name, "--file", FILE.toString()));
        full.addAll(List.of(arguments));
        return Commands.run(null, timeout, full);
    }

    /** A file's content, read inside a running service's container (as the user the service runs as). */
    String read(String service, String path) {
        return run(Duration.ofSeconds(30), "exec", "-T", service, "cat", path);
    }

    @Override
    public void close() {
        try {
            Files.createDirectories(logs);
            Files.writeString(
                    logs.resolve(name + ".log"),
                    run(Duration.ofMinutes(1), "logs", "--no-color", "--timestamps"),
                    StandardCharsets.UTF_8);
        } catch (IOException | IllegalStateException e) {
            System.err.println("compose logs could not be kept: " + e.getMessage());
        }
        run(Duration.ofMinutes(3), "down", "--volumes", "--timeout", "20");
    }
}
