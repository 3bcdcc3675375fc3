package io.mcpbridge.dr.coordinator.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.drill.DrillType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drills as operators define them: the plan's defaults, replaced drill by drill, and refused when wrong. */
class DrillCatalogTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultsAreThePlansDailyVerificationAndWeeklyCanaryRestart() throws IOException {
        DrillDefinition verification = DrillCatalog.load(Optional.empty())
                .drill(DrillType.BACKUP_VERIFICATION)
                .orElseThrow();

        assertThat(verification.schedule()).isEqualTo("0 15 4 * * ?");
        assertThat(verification.scopes()).containsExactly(BackupScope.values());
        assertThat(verification.timeout()).isEqualTo(Duration.ofHours(1));
        DrillDefinition restart = DrillCatalog.load(Optional.empty())
                .drill(DrillType.SERVICE_RESTART)
                .orElseThrow();
        assertThat(restart.target()).as("a canary, not production").isEqualTo("gateway-canary");
        assertThat(restart.production()).isFalse();
    }

    @Test
    void anOperatorsFileReplacesTheDrillsItNames() throws IOException {
        Path file = write("""
                drills:
                  - type: backup-verification
                    schedule: "0 */5 * * * ?"
                    scopes: [redis]
                """);

        DrillDefinition verification = DrillCatalog.load(Optional.of(file))
                .drill(DrillType.BACKUP_VERIFICATION)
                .orElseThrow();

        assertThat(verification.schedule()).isEqualTo("0 */5 * * * ?");
        assertThat(verification.scopes()).containsExactly(BackupScope.REDIS);
    }

    @Test
    void aRestartOfProductionIsAllowedWhenTheDefinitionSaysSo() throws IOException {
        Path file = write("""
                drills:
                  - type: service-restart
                    target: gateway
                    production: true
                    severity: high
                    restart: {action: rollout-restart, parameters: {deployment: mcp-gateway}}
                """);

        DrillDefinition restart = DrillCatalog.load(Optional.of(file))
                .drill(DrillType.SERVICE_RESTART)
                .orElseThrow();

        assertThat(restart.production()).isTrue();
        assertThat(restart.severity()).isEqualTo(Severity.HIGH);
        assertThat(restart.restart().parameters()).containsEntry("deployment", "mcp-gateway");
    }

    @Test
    void aDefinitionThatCouldNotRunIsRefusedAtStartSayingWhy() {
        assertThat(problem("drills: [{type: backup-verification, schedule: 'every day'}]"))
                .contains("backup-verification", "not a Quartz cron");
        assertThat(problem("drills: [{type: backup-verification, timeout: PT0S}]"))
                .contains("timeout must be positive");
        assertThat(problem("drills: [{type: backup-verification}, {type: backup-verification}]"))
                .contains("defined twice");
        assertThat(problem("drills: [{type: fire-drill}]")).contains("unknown drill type 'fire-drill'");
        assertThat(problem("drills: [{type: backup-verification, scopes: [sessions]}]"))
                .contains("unknown backup scope 'sessions'");
        assertThat(problem("drills: []")).contains("holds no drills");
        assertThat(problem("drills: [{type: service-restart, restart: {action: shell, parameters: {command: x}}}]"))
                .contains("name the probe target");
        assertThat(problem("drills: [{type: service-restart, target: gateway,"
                        + " restart: {action: rollout-restart, parameters: {deployment: mcp-gateway}}}]"))
                .as("production is touched only when the definition says so")
                .contains("gateway is one of MCP Bridge's own components", "production: true");
        assertThat(problem("drills: [{type: failover, target: gateway-canary,"
                        + " failOver: {action: fail-over, parameters: {service: s, to: dr, promote: 'redis://dr'}},"
                        + " failBack: {action: fail-over, parameters: {service: s, to: primary}}}]"))
                .contains("never promotes a standby");
        assertThat(problem("drills: [{type: failover, target: gateway-canary,"
                        + " failOver: {action: fail-over, parameters: {service: s, to: dr}}}]"))
                .as("a failover without its way back")
                .contains("failBack: {action, parameters}");
        assertThat(problem("drills: [{type: service-restart, target: gateway-canary, restart: {action: scale}}]"))
                .contains("restart is [rollout-restart, shell], not scale");
        assertThat(problem("drills: [{type: service-restart, target: gateway-canary, restart: {action: shell}}]"))
                .contains("restart (shell) needs parameter command");
        assertThat(problem("drills: [{type: full}]"))
                .as("a full drill restores nowhere by default")
                .contains("full", "say where it restores (restoreTo");
        assertThat(problem("drills: [{type: full, restoreTo: {redis: scratch, namespace: mcp-dr-test}}]"))
                .contains("it restores configs and restoreTo names no directory for it");
        assertThat(problem("drills: [{type: full, scopes: [redis], restoreTo: {namespace: mcp-dr-test}}]"))
                .contains("it restores redis and restoreTo names no redis target for it");
    }

    @Test
    void aFullDrillIntoTheNamespaceWhereMcpBridgeRunsIsRefused() throws IOException {
        Path file = write("drills: [{type: full, scopes: [kubernetes], restoreTo: {namespace: mcp-system}}]");
        DrillCatalog catalog = DrillCatalog.load(Optional.of(file));

        assertThat(catalogThatThrows(() -> catalog.checkedAgainst("mcp-system")))
                .contains("restores into mcp-system, where MCP Bridge runs");
        assertThat(catalog.checkedAgainst("mcp-bridge")).isSameAs(catalog);
    }

    private static String catalogThatThrows(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(InvalidDrillException.class);
        return thrown.getMessage();
    }

    private String problem(String yaml) {
        Throwable thrown = catchThrowable(() -> DrillCatalog.load(Optional.of(write(yaml))));
        assertThat(thrown).as(yaml).isInstanceOf(InvalidDrillException.class);
        return thrown.getMessage();
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "drills-", ".yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }
}
