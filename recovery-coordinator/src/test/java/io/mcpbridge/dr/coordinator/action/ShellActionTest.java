package io.mcpbridge.dr.coordinator.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Host commands: output captured, failures and hangs reported, nothing interpreted by a shell. */
class ShellActionTest {

    @Test
    void theOutputGoesIntoTheResult() {
        ActionResult result = ShellAction.run(List.of("echo", "mcp-gateway restarted"), Duration.ofSeconds(10));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.detail()).isEqualTo("echo mcp-gateway restarted exited 0: mcp-gateway restarted");
    }

    @Test
    void aFailingCommandFailsWithItsExitCode() {
        ActionResult result = ShellAction.run(List.of("sh", "-c", "echo unit not found >&2; exit 5"),
                Duration.ofSeconds(10));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.detail()).contains("exited 5").contains("unit not found");
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
        ActionResult result = ShellAction.run(List.of("echo", "$(id); rm -rf /"), Duration.ofSeconds(10));

        assertThat(result.detail()).endsWith(": $(id); rm -rf /");
    }

    @Test
    void longOutputIsCutAndAMissingProgramIsReported() {
        ActionResult chatty = ShellAction.run(List.of("sh", "-c", "yes x | head -c 100000"), Duration.ofSeconds(10));
        ActionResult missing = ShellAction.run(List.of("/no/such/program"), Duration.ofSeconds(10));

        assertThat(chatty.detail()).endsWith("(truncated)").hasSizeLessThan(4300);
        assertThat(missing.succeeded()).isFalse();
        assertThat(missing.detail()).contains("could not start");
    }
}
