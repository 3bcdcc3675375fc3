package io.mcpbridge.dr.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceJvmTest {

    private static final Path DOCKERFILE = Path.of("../containers/Dockerfile.jvm");

    @Test
    void theLocalRunStartsEveryServiceAsItsImageDoes() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);

        Matcher javaOpts = Pattern.compile("JAVA_OPTS=\"([^\"]*)\"").matcher(dockerfile);
        assertThat(javaOpts.find()).as("JAVA_OPTS in " + DOCKERFILE).isTrue();
        // The image's own: its heap follows the container's limit, its archive sits in its working directory, and
        // its collector and compiler are the build arguments GC and JIT.
        List<String> imageOptions = List.of(javaOpts.group(1).split("\\s+")).stream()
                .filter(option -> !option.startsWith("-XX:MaxRAMPercentage="))
                .filter(option -> !option.startsWith("-XX:SharedArchiveFile="))
                .filter(option -> !option.equals("${GC}") && !option.equals("${JIT}"))
                .toList();
        assertThat(ServiceJvm.OPTIONS).containsExactlyInAnyOrderElementsOf(imageOptions);
        assertThat(dockerfile)
                .contains("ARG GC=" + ServiceJvm.Collector.SERIAL.option)
                .contains("ARG JIT=\"\"");

        Matcher arenas = Pattern.compile("MALLOC_ARENA_MAX=(\\d+)").matcher(dockerfile);
        assertThat(arenas.find()).as("MALLOC_ARENA_MAX in " + DOCKERFILE).isTrue();
        assertThat(ServiceJvm.ENVIRONMENT).containsExactly(Map.entry("MALLOC_ARENA_MAX", arenas.group(1)));
    }

    @Test
    void everyServicesImageTakesTheCollectorAndCompilerItsLocalRunDoes() throws IOException {
        assertThat(ServiceJvm.TUNING.keySet())
                .containsExactlyInAnyOrder("health-monitor", "notifier", "backup-service", "recovery-coordinator");
        for (Map.Entry<String, ServiceJvm.Tuning> service : ServiceJvm.TUNING.entrySet()) {
            Properties settings = new Properties();
            try (Reader reader = Files.newBufferedReader(
                    Path.of("..", service.getKey(), "src/main/resources/application.properties"))) {
                settings.load(reader);
            }
            ServiceJvm.Tuning tuning = service.getValue();
            assertThat(settings.getProperty("quarkus.docker.build-args.GC", ServiceJvm.Collector.SERIAL.option))
                    .as(service.getKey() + "'s collector")
                    .isEqualTo(tuning.collector().option);
            assertThat(settings.getProperty("quarkus.docker.build-args.JIT"))
                    .as(service.getKey() + "'s compiler")
                    .isEqualTo(tuning.compiler().option);
        }
    }

    @Test
    void theArchiveIsUsedByTheRelativeClassPathItWasMadeWith(@TempDir Path app) throws IOException {
        Path runJar = Files.createFile(app.resolve("quarkus-run.jar"));
        Files.createFile(app.resolve("app-cds.jsa"));

        List<String> command = ServiceJvm.fromEnvironment()
                .command("/usr/bin/java", runJar, "health-monitor", "256m", List.of("-Dquarkus.http.port=18081"));

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

        List<String> command =
                ServiceJvm.fromEnvironment().command("/usr/bin/java", runJar, "notifier", "256m", List.of());

        assertThat(command).noneMatch(argument -> argument.startsWith("-XX:SharedArchiveFile"));
        assertThat(command).contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    }
}
