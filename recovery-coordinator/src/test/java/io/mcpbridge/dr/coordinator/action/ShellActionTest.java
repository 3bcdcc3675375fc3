package io.mcpbridge.dr.coordinator.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Host commands: failures and hangs reported, nothing interpreted by a shell, none of the coordinator's
 * environment passed on, and their output kept out of what is published (timelines, notifications).
 */
class ShellActionTest {

    @Test
    void theOutputIsCapturedButKeptOutOfTheTimeline() {
        ShellAction.Ran ran = ShellAction.execute(List.of("echo", "token=s3cr3t"), Duration.ofSeconds(10), p -> {});

        assertThat(ran.output()).isEqualTo("token=s3cr3t");
        assertThat(ran.result().succeeded()).isTrue();
        assertThat(ran.result().detail())
                .isEqualTo(
                        "echo token=s3cr3t exited 0 (12 characters of output in the " + "coordinator's log at DEBUG)")
                .doesNotContain(": token");
    }

    @Test
    void aFailingCommandFailsWithItsExitCode() {
        ShellAction.Ran ran = ShellAction.execute(
                List.of("sh", "-c", "echo unit not found >&2; exit 5"), Duration.ofSeconds(10), p -> {});

        assertThat(ran.result().succeeded()).isFalse();
        assertThat(ran.result().detail()).contains("exited 5");
        assertThat(ran.output()).isEqualTo("unit not found");
    }

    @Test
    void aHungCommandIsKilledAtItsTimeout() {
        long start = System.nanoTime();
        ActionResult result = ShellAction.run(List.of("sleep", "30"), Duration.ofMillis(300));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.detail()).contains("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void wordsAreArgumentsNotShellSyntax() {
        ShellAction.Ran ran = ShellAction.execute(List.of("echo", "$(id); rm -rf /"), Duration.ofSeconds(10), p -> {});

        assertThat(ran.output()).isEqualTo("$(id); rm -rf /");
    }

    @Test
    void longOutputIsCutAndAMissingProgramIsReported() {
        ShellAction.Ran chatty =
                ShellAction.execute(List.of("sh", "-c", "yes x | head -c 100000"), Duration.ofSeconds(10), p -> {});
        ActionResult missing = ShellAction.run(List.of("/no/such/program"), Duration.ofSeconds(10));

        assertThat(chatty.output()).endsWith("(truncated)").hasSizeLessThan(4200);
        assertThat(missing.succeeded()).isFalse();
        assertThat(missing.detail()).contains("could not start");
    }

    @Test
    void aCommandGetsNoneOfTheCoordinatorsEnvironmentButTheBasics() {
        ShellAction.Ran ran = ShellAction.execute(List.of("env"), Duration.ofSeconds(10), p -> {});

        List<String> names = Arrays.stream(ran.output().split("\n"))
                .filter(line -> line.contains("="))
                .map(line -> line.substring(0, line.indexOf('=')))
                .toList();
        assertThat(names)
                .isNotEmpty()
                .allSatisfy(name -> assertThat(ShellAction.PASSED_ON).contains(name));
    }
}
