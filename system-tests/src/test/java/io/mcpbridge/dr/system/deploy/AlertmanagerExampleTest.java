package io.mcpbridge.dr.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mcpbridge.dr.system.support.Commands;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The Alertmanager configuration users copy ({@code observability/alertmanager.yml}) is one Alertmanager accepts
 * ({@code amtool check-config}, from Debian's prometheus-alertmanager, which {@code .ci/run} installs), and its
 * webhook reaches health-monitor where it listens, with the token health-monitor expects.
 */
class AlertmanagerExampleTest {

    private static final Path EXAMPLE = ProjectFiles.ROOT.resolve("observability/alertmanager.yml");

    @Test
    void alertmanagerAcceptsTheExample() {
        String output =
                Commands.run(null, Duration.ofSeconds(30), List.of("amtool", "check-config", EXAMPLE.toString()));

        assertThat(output).contains("SUCCESS");
    }

    @Test
    void theWebhookIsHealthMonitorsWithItsBearerToken() throws IOException {
        JsonNode webhook = new ObjectMapper(new YAMLFactory())
                .readTree(EXAMPLE.toFile())
                .path("receivers")
                .findValue("webhook_configs")
                .get(0);
        URI url = URI.create(webhook.path("url").asText());
        Properties healthMonitor = ProjectFiles.settingsOf("health-monitor");

        assertThat(url.getHost()).isEqualTo("health-monitor.mcp-dr.svc");
        assertThat(url.getPort()).isEqualTo(Integer.parseInt(healthMonitor.getProperty("quarkus.http.port")));
        assertThat(url.getPath()).isEqualTo("/api/v1/alertmanager");
        assertThat(webhook.path("send_resolved").asBoolean())
                .as("resolved alerts close incidents")
                .isTrue();
        assertThat(webhook.path("http_config")
                        .path("authorization")
                        .path("type")
                        .asText())
                .isEqualTo("Bearer");
    }
}
