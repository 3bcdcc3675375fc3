package io.mcpbridge.dr.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceJvmTest {

    private static final Path DOCKERFILE = Path.of("../containers/Dockerfile.jvm");
    private static final Path HEALTH_MONITOR_SETTINGS =
            Path.of("../health-monitor/src/main/resources/application.properties");

    @Test
    void theLocalRunStartsEveryServiceAsItsImageDoes() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);

        Matcher javaOpts = Pattern.compile("JAVA_OPTS=\"([^\"]*)\"").matcher(dockerfile);
        assertThat(javaOpts.find()).as("JAVA_OPTS in " + DOCKERFILE).isTrue();
        // The image's own: its heap follows the container's limit, its archive sits in its working directory, and
        // its collector is the build argument GC.
        List<String> imageOptions = List.of(javaOpts.group(1).split("\\s+")).stream()
                .filter(option -> !option.startsWith("-XX:MaxRAMPercentage="))
                .filter(option -> !option.startsWith("-XX:SharedArchiveFile="))
                .filter(option -> !option.equals("${GC}"))
                .toList();
        assertThat(ServiceJvm.OPTIONS).containsExactlyInAnyOrderElementsOf(imageOptions);
        assertThat(dockerfile).contains("ARG GC=" + ServiceJvm.Collector.SERIAL.option);
        assertThat(Files.readString(HEALTH_MONITOR_SETTINGS))
                .as("health-monitor's image takes the collector its local run does")
                .contains("quarkus.docker.build-args.GC=" + ServiceJvm.Collector.PARALLEL.option);

        Matcher arenas = Pattern.compile("MALLOC_ARENA_MAX=(\\d+)").matcher(dockerfile);
        assertThat(arenas.find()).as("MALLOC_ARENA_MAX in " + DOCKERFILE).isTrue();
        assertThat(ServiceJvm.ENVIRONMENT).containsExactly(Map.entry("MALLOC_ARENA_MAX", arenas.group(1)));
    }

    @Test
    void theArchiveIsUsedByTheRelativeClassPathItWasMadeWith(@TempDir Path app) throws IOException {
        Path runJar = Files.createFile(app.resolve("quarkus-run.jar"));
        Files.createFile(app.resolve("app-cds.jsa"));

        List<String> command = ServiceJvm.fromEnvironment()
                .command(
                        "/usr/bin/java",
                        runJar,
                        ServiceJvm.Collector.PARALLEL,
                        "256m",
                        List.of("-Dquarkus.http.port=18081"));

        assertThat(command)
                .contains(
                        "-XX:+UseParallelGC",
                        "-XX:SharedArchiveFile=app-cds.jsa",
                        "-Xmx256m",
                        "-Dquarkus.http.port=18081");
        assertThat(command.subList(command.size() - 2, command.size())).containsExactly("-jar", "quarkus-run.jar");
        assertThat(ServiceJvm.directory(runJar)).isEqualTo(app);
    }

    @Test
    void withoutAnArchiveTheServiceStartsWithoutOne(@TempDir Path app) throws IOException {
        Path runJar = Files.createFile(app.resolve("quarkus-run.jar"));

        List<String> command = ServiceJvm.fromEnvironment()
                .command("/usr/bin/java", runJar, ServiceJvm.Collector.SERIAL, "256m", List.of());

        assertThat(command).noneMatch(argument -> argument.startsWith("-XX:SharedArchiveFile"));
    }
}
