package io.mcpbridge.dr.coordinator.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped runbooks follow the plan, and a bad override file is refused at start with the reason. */
class RunbookCatalogTest {

    @TempDir
    Path dir;

    @Test
    void everyScenarioHasADefaultRunbook() throws Exception {
        RunbookCatalog catalog = RunbookCatalog.load(Optional.empty());

        for (Scenario scenario : Scenario.values()) {
            assertThat(catalog.runbook(scenario).steps())
                    .as(scenario.fileName())
                    .isNotEmpty();
        }
    }

    @Test
    void serviceFailureRestartsThenRollsBackThenEscalates() throws Exception {
        Runbook runbook = RunbookCatalog.load(Optional.empty()).runbook(Scenario.SERVICE_FAILURE);

        assertThat(runbook.manualOnly()).isFalse();
        assertThat(runbook.steps())
                .extracting(Step::action)
                .containsExactly(
                        StepAction.ROLLOUT_RESTART, StepAction.VERIFY, StepAction.ROLLOUT_UNDO, StepAction.VERIFY);
        Step verifyRestart = runbook.steps().get(1);
        assertThat(verifyRestart.onSuccess()).isEqualTo(OnSuccess.RESOLVE);
        assertThat(verifyRestart.onFailure()).isEqualTo(OnFailure.NEXT);
        assertThat(verifyRestart.parameters()).containsEntry("attempts", "30").containsEntry("interval", "PT10S");
        assertThat(runbook.steps().get(3).onFailure())
                .as("the last fallback escalates")
                .isEqualTo(OnFailure.ESCALATE);
        assertThat(runbook.steps().get(0).timeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void theVmExampleRestartsTheSystemdUnitThenRollsBack() throws Exception {
        Runbook runbook = RunbookCatalog.load(Optional.of(Path.of("examples/vm-runbooks.yaml")))
                .runbook(Scenario.SERVICE_FAILURE);

        assertThat(runbook.steps())
                .extracting(Step::action)
                .containsExactly(StepAction.SHELL, StepAction.VERIFY, StepAction.SHELL, StepAction.VERIFY);
        assertThat(runbook.steps().get(0).parameters())
                .containsEntry("command", "sudo -n systemctl restart mcp-${component}");
        assertThat(runbook.steps().get(0).retries()).isEqualTo(1);
    }

    @Test
    void destructiveStepsNeedConfirmationUnlessTheRunbookAutomatesThem() throws Exception {
        RunbookCatalog catalog = RunbookCatalog.load(Optional.empty());

        Runbook breach = catalog.runbook(Scenario.SECURITY_BREACH);
        assertThat(breach.manualOnly()).isTrue();
        assertThat(breach.steps())
                .filteredOn(step -> step.action().destructive())
                .extracting(Step::name)
                .containsExactly("revoke-sessions", "rotate-credentials");
        assertThat(breach.steps())
                .filteredOn(step -> step.action().destructive())
                .allSatisfy(step -> assertThat(step.needsConfirmation()).isTrue());
        assertThat(breach.steps().get(0).parameters()).containsEntry("pattern", "session:*");

        Step restoreSessions = catalog.runbook(Scenario.REDIS_FAILURE).steps().stream()
                .filter(step -> step.action() == StepAction.RESTORE_BACKUP)
                .findFirst()
                .orElseThrow();
        assertThat(restoreSessions.automatic()).isTrue();
        assertThat(restoreSessions.needsConfirmation()).isFalse();

        Runbook corruption = catalog.runbook(Scenario.DATA_CORRUPTION);
        assertThat(corruption.steps())
                .extracting(Step::action)
                .as("a forensic snapshot comes before the restore")
                .startsWith(StepAction.FORENSIC_SNAPSHOT, StepAction.RESTORE_BACKUP);
        assertThat(catalog.runbook(Scenario.DATA_CENTER_FAILURE).manualOnly()).isTrue();
        assertThat(catalog.runbook(Scenario.INFRASTRUCTURE_LOSS).manualOnly()).isTrue();
    }

    @Test
    void anOverrideReplacesOnlyTheScenariosItNames() throws Exception {
        Path file = Files.writeString(dir.resolve("runbooks.yaml"), """
                runbooks:
                  - scenario: service-failure
                    description: VMs, not Kubernetes
                    manualOnly: false
                    steps:
                      - name: restart
                        action: shell
                        parameters: {command: "systemctl restart mcp-${component}"}
                        timeout: PT30S
                        retries: 1
                        onFailure: escalate
                """);

        RunbookCatalog catalog = RunbookCatalog.load(Optional.of(file));

        Step restart = catalog.runbook(Scenario.SERVICE_FAILURE).steps().get(0);
        assertThat(restart.action()).isEqualTo(StepAction.SHELL);
        assertThat(restart.parameters()).containsEntry("command", "systemctl restart mcp-${component}");
        assertThat(restart.retries()).isEqualTo(1);
        assertThat(catalog.runbook(Scenario.REDIS_FAILURE).steps()).isNotEmpty();
    }

    @Test
    void mistakesAreRefusedWithWhatIsWrong() throws Exception {
        assertThatThrownBy(() -> RunbookCatalog.load(Optional.of(Files.writeString(dir.resolve("a.yaml"), """
                runbooks:
                  - scenario: service-failure
                    steps:
                      - name: restart
                        action: rollout-restart
                      - name: restart
                        action: verify
                        parameters: {attempts: "3", interval: PT1S}
                """))))
                .isInstanceOf(RunbookCatalog.InvalidRunbookException.class)
                .hasMessageContaining("restart (rollout-restart) needs parameter deployment")
                .hasMessageContaining("two steps named restart");
        assertThatThrownBy(() -> RunbookCatalog.load(Optional.of(Files.writeString(dir.resolve("b.yaml"), """
                runbooks:
                  - scenario: service-failure
                    steps:
                      - name: reboot
                        action: reboot-the-world
                """))))
                .isInstanceOf(RunbookCatalog.InvalidRunbookException.class)
                .hasMessageContaining("unknown action 'reboot-the-world'");
        assertThatThrownBy(() -> RunbookCatalog.load(Optional.of(Files.writeString(dir.resolve("c.yaml"), """
                runbooks:
                  - scenario: service-failure
                    steps:
                      - name: restart
                        action: rollout-restart
                        parameters: {deployment: x}
                        retrys: 3
                """))))
                .as("a misspelt field is an error, not a silent default")
                .isInstanceOf(RunbookCatalog.InvalidRunbookException.class)
                .hasMessageContaining("retrys");
    }
}
