package io.mcpbridge.dr.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.mcpbridge.dr.system.support.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * observability/prometheus-rules.yaml is a PrometheusRule the operator accepts, its rules are valid for
 * Prometheus ({@code promtool check rules}) and its alerts fire when, and only when, their unit tests say
 * ({@code promtool test rules} with observability/prometheus-rules.test.yaml).
 */
class PrometheusRulesTest {

    @Test
    void theRuleIsAPrometheusRuleWithNoFieldTheOperatorWouldIgnore() throws Exception {
        List<HasMetadata> objects = ManifestFiles.read(MetricQueries.RULES);
        assertThat(objects).singleElement().isInstanceOf(PrometheusRule.class);
        assertThat(ManifestFiles.unknownFields(objects.get(0))).isEmpty();
        assertThat(objects.get(0).getMetadata().getNamespace()).isEqualTo("mcp-dr");
    }

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTestsPass(@TempDir Path dir) throws Exception {
        JsonNode spec = new YAMLMapper().readTree(MetricQueries.RULES.toFile()).path("spec");
        Files.writeString(dir.resolve("rules.yml"), new YAMLMapper().writeValueAsString(spec));
        Files.copy(ProjectFiles.ROOT.resolve("observability/prometheus-rules.test.yaml"), dir.resolve("test.yaml"));

        assertThat(promtool(dir, "check", "rules", "rules.yml")).contains("SUCCESS: 10 rules found");
        assertThat(promtool(dir, "test", "rules", "test.yaml")).contains("SUCCESS");
    }

    /** Prometheus' own checker (Debian: {@code prometheus}). */
    private static String promtool(Path dir, String... arguments) {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        return Commands.run(dir, Duration.ofSeconds(60), command);
    }

    @Test
    void everyAlertSaysHowSevereItIsAndWhatToLookAt() throws Exception {
        for (JsonNode group : new YAMLMapper()
                .readTree(MetricQueries.RULES.toFile())
                .path("spec")
                .path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                assertThat(rule.path("labels").path("severity").asText())
                        .as(rule.path("alert").asText())
                        .isIn("critical", "warning");
                assertThat(rule.path("annotations").path("summary").asText()).isNotBlank();
                assertThat(rule.path("annotations").path("description").asText())
                        .isNotBlank();
            }
        }
    }
}
