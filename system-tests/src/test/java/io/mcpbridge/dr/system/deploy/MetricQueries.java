package io.mcpbridge.dr.system.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL queries of the project's alert rules and Grafana dashboard, and the metric names they read, so
 * that a query naming a metric no service exposes is caught.
 */
public final class MetricQueries {

    public static final Path RULES = ProjectFiles.ROOT.resolve("observability/prometheus-rules.yaml");
    public static final Path DASHBOARD = ProjectFiles.ROOT.resolve("observability/grafana-dashboard.json");

    /** Series that Prometheus and kube-state-metrics make, not the services. */
    public static final Set<String> NOT_OURS = Set.of("up", "kube_pod_container_status_ready");

    private static final Set<String> KEYWORDS = Set.of(
            "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset");
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern BRACES = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER =
            Pattern.compile("(?<![0-9a-zA-Z_:$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

    private MetricQueries() {}

    /** Every {@code expr} of the PrometheusRule's alerts. */
    public static List<String> ruleExpressions() throws IOException {
        List<String> expressions = new ArrayList<>();
        for (JsonNode group :
                new YAMLMapper().readTree(RULES.toFile()).path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                expressions.add(rule.path("expr").asText());
            }
        }
        return expressions;
    }

    /** Every query of the dashboard's panels, rows' panels included. */
    public static List<String> dashboardExpressions() throws IOException {
        List<String> expressions = new ArrayList<>();
        collect(new ObjectMapper().readTree(DASHBOARD.toFile()).path("panels"), expressions);
        return expressions;
    }

    private static void collect(JsonNode panels, List<String> expressions) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asText());
            }
            collect(panel.path("panels"), expressions);
        }
    }

    /**
     * The metric names an expression reads: identifiers that are not functions, keywords, label names (in
     * selectors and groupings), durations ({@code 5m}) or template variables ({@code $__range}).
     */
    public static Set<String> metricNames(String expression) {
        String bare = QUOTED.matcher(expression).replaceAll("\"\"");
        bare = BRACES.matcher(bare).replaceAll(" ");
        bare = RANGES.matcher(bare).replaceAll(" ");
        bare = GROUPING.matcher(bare).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String name = identifier.group(1);
            boolean function = identifier.group(2) != null;
            if (!function && !KEYWORDS.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** The metric names of all the rules' and the dashboard's queries. */
    public static Set<String> allMetricNames() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String expression : ruleExpressions()) {
            names.addAll(metricNames(expression));
        }
        for (String expression : dashboardExpressions()) {
            names.addAll(metricNames(expression));
        }
        return names;
    }
}
