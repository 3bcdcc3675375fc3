package io.mcpbridge.dr.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BridgeSimulatorTest {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private BridgeSimulator simulator;

    @BeforeEach
    void start() throws IOException {
        simulator = BridgeSimulator.start(freePort(), freePort(), freePort());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void healthyGatewayAnswersLikeMcpBridge() throws Exception {
        HttpResponse<String> response = get(simulator.gatewayPort(), "/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("healthy").asBoolean()).isTrue();
        assertThat(body.get("status").asText()).isEqualTo("healthy");
        assertThat(body.get("subsystems").get("redis").get("healthy").asBoolean())
                .isTrue();
        assertThat(get(simulator.gatewayPort(), "/healthz").body()).isEqualTo("OK");
    }

    @Test
    void unhealthyGatewayAnswers503WithHealthyFalse() throws Exception {
        control("/sim/gateway/unhealthy");

        HttpResponse<String> response = get(simulator.gatewayPort(), "/health");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json.readTree(response.body()).get("healthy").asBoolean()).isFalse();
        assertThat(get(simulator.gatewayPort(), "/healthz").body()).isEqualTo("Unhealthy");
    }

    @Test
    void routerAlwaysAnswersTheFixedBodyAndCannotBeMadeUnhealthy() throws Exception {
        assertThat(get(simulator.routerPort(), "/health").body()).isEqualTo("{\"status\":\"healthy\"}");

        HttpResponse<String> refused = control("/sim/router/unhealthy");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("always answers 200");
    }

    @Test
    void downRefusesConnectionsAndHealedAnswersAgain() throws Exception {
        control("/sim/router/down");
        assertThatThrownBy(() -> get(simulator.routerPort(), "/health")).isInstanceOf(ConnectException.class);

        control("/sim/router/healthy");
        assertThat(get(simulator.routerPort(), "/health").statusCode()).isEqualTo(200);
    }

    @Test
    void slowAnswersAfterTheDelay() throws Exception {
        control("/sim/gateway/slow?delayMs=400");

        Instant before = Instant.now();
        HttpResponse<String> response = get(simulator.gatewayPort(), "/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.between(before, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void restartHealsUnlessTheFaultIsSticky() throws Exception {
        control("/sim/gateway/unhealthy");
        control("/sim/gateway/restart?downtimeMs=100");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> statusOrZero(simulator.gatewayPort()) == 200);

        control("/sim/gateway/unhealthy?sticky=true");
        control("/sim/gateway/restart?downtimeMs=100");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> statusOrZero(simulator.gatewayPort()) == 503);

        assertThat(simulator.restarts("gateway")).isEqualTo(2);
        assertThat(json.readTree(control("/sim/gateway/unhealthy?sticky=true").body())
                        .get("gateway")
                        .get("restarts")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void unknownActionIsA400WithTheChoices() throws Exception {
        HttpResponse<String> response = control("/sim/gateway/explode");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("healthy, unhealthy, slow, down or restart");
    }

    private int statusOrZero(int port) {
        try {
            return get(port, "/health").statusCode();
        } catch (IOException | InterruptedException e) {
            return 0;
        }
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> control(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simulator.controlPort() + path))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
