package io.mcpbridge.dr.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * observability/grafana-dashboard.json is a dashboard Grafana imports whole: every panel queries the chosen
 * Prometheus and fits the grid, and its queries read only metrics of the services (or Prometheus' own). That
 * the services really expose each of them is checked against their running containers, in ComposeIT.
 */
class GrafanaDashboardTest {

    private final JsonNode dashboard = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(MetricQueries.DASHBOARD.toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyPanelQueriesTheChosenPrometheusAndFitsTheGrid() {
        Set<Integer> ids = new HashSet<>();
        assertThat(dashboard.path("uid").asText()).isEqualTo("mcp-dr");
        assertThat(dashboard.path("templating").path("list").get(0).path("type").asText())
                .isEqualTo("datasource");
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText();
            assertThat(ids.add(panel.path("id").asInt()))
                    .as("unique id: " + title)
                    .isTrue();
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("x").asInt() + grid.path("w").asInt())
                    .as(title)
                    .isLessThanOrEqualTo(24);
            String type = panel.path("type").asText();
            if (type.equals("row") || type.equals("text")) {
                continue;
            }
            assertThat(panel.path("targets")).as(title).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("expr").asText()).as(title).isNotBlank();
                assertThat(target.path("datasource").path("uid").asText())
                        .as(title)
                        .isEqualTo("${datasource}");
            }
        }
    }

    @Test
    void itShowsWhatTheIssueOfOperatorsAsks() throws Exception {
        assertThat(MetricQueries.dashboardExpressions())
                .anySatisfy(q -> assertThat(q).contains("mcpdr_target_state"))
                .anySatisfy(q -> assertThat(q).contains("mcpdr_incident_rto_target_seconds"))
                .anySatisfy(q -> assertThat(q).contains("mcpdr_backup_max_age_seconds"))
                .anySatisfy(q -> assertThat(q).contains("mcpdr_backup_operation_seconds"))
                .anySatisfy(q -> assertThat(q).contains("mcpdr_backup_last_size_bytes"))
                .anySatisfy(q -> assertThat(q).contains("mcpdr_webhook_requests_total"))
                .anySatisfy(q -> assertThat(q).contains("mcpdr_notifications_sent_total"))
                .anySatisfy(q -> assertThat(q).contains("kafka-dead-letter-topic-producer"));
    }

    @Test
    void queriesReadOnlyTheServicesMetricsOrPrometheusOwn() throws Exception {
        assertThat(MetricQueries.allMetricNames())
                .isNotEmpty()
                .allSatisfy(name -> assertThat(name.startsWith("mcpdr_")
                                || name.startsWith("kafka_producer_")
                                || name.startsWith("http_server_requests_")
                                || MetricQueries.NOT_OURS.contains(name))
                        .as(name)
                        .isTrue());
    }

    @Test
    void metricNamesAreReadFromQueriesWithoutLabelsFunctionsOrDurations() {
        assertThat(MetricQueries.metricNames(
                        "sum by (scope) (increase(mcpdr_x_total{outcome=\"fail\", job=~\"a|b\"}[1h]))"
                                + " / on (scope) max(mcpdr_y_seconds) > bool 2 and up offset 5m"))
                .containsExactly("mcpdr_x_total", "mcpdr_y_seconds", "up");
        assertThat(MetricQueries.metricNames("increase(a_total[$__range]) / time()"))
                .containsExactly("a_total");
    }
}
