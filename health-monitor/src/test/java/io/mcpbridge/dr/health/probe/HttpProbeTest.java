package io.mcpbridge.dr.health.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.simulator.BridgeSimulator;
import io.mcpbridge.dr.simulator.Mode;
import io.mcpbridge.dr.testing.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP probe against the simulated MCP Bridge, with the checks the default configuration uses. */
class HttpProbeTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static BridgeSimulator bridge;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startBridge() {
        bridge = FreePorts.retryOnBindFailure(
                () -> BridgeSimulator.start(FreePorts.next(), FreePorts.next(), FreePorts.next()));
    }

    @AfterAll
    static void stopBridge() {
        bridge.close();
    }

    @BeforeEach
    void heal() {
        bridge.gateway(Mode.HEALTHY);
        bridge.router(Mode.HEALTHY);
    }

    @Test
    void healthyGatewayIsUp() {
        assertThat(probe(gateway()).observed()).isEqualTo(HealthState.UP);
    }

    @Test
    void unhealthyGatewayIsDownWithItsOwnExplanation() {
        bridge.gateway(Mode.UNHEALTHY);

        ProbeResult result = probe(gateway());

        assertThat(result.observed()).isEqualTo(HealthState.DOWN);
        assertThat(result.error())
                .isEqualTo("HTTP 503 (expected 200): healthy is false, expected true (Some subsystems are unhealthy)");
    }

    @Test
    void crashedGatewayIsDownWithConnectionRefused() {
        bridge.gateway(Mode.DOWN);

        ProbeResult result = probe(gateway());

        assertThat(result.observed()).isEqualTo(HealthState.DOWN);
        assertThat(result.error()).isEqualTo("connection refused");
    }

    @Test
    void answerAfterTheTimeoutIsDown() {
        bridge.gateway(Mode.SLOW); // 3 s, far above the probe's 500 ms

        ProbeResult result = probe(gateway());

        assertThat(result.observed()).isEqualTo(HealthState.DOWN);
        assertThat(result.error()).isEqualTo("no answer within 500 ms");
    }

    @Test
    void answerSlowerThanTheThresholdIsDegraded() throws Exception {
        HttpProbe probe = new HttpProbe(
                HTTP,
                url(bridge.gatewayPort()),
                200,
                Duration.ofSeconds(5),
                Optional.empty(),
                Optional.of(Duration.ofMillis(100)));
        bridge.gateway(Mode.SLOW);

        ProbeResult result = probe.probe().toCompletableFuture().get();

        assertThat(result.observed()).isEqualTo(HealthState.DEGRADED);
        assertThat(result.error()).startsWith("slow: answered in");
    }

    @Test
    void routerIsJudgedByReachabilityAndStatus() {
        HttpProbe router =
                new HttpProbe(HTTP, url(bridge.routerPort()), 200, TIMEOUT, Optional.empty(), Optional.empty());
        assertThat(probe(router).observed()).isEqualTo(HealthState.UP);

        bridge.router(Mode.DOWN);

        assertThat(probe(router).observed()).isEqualTo(HealthState.DOWN);
    }

    @Test
    void containsCheckAndMissingFieldsExplainThemselves() {
        HttpProbe contains = new HttpProbe(
                HTTP,
                url(bridge.gatewayPort()),
                200,
                TIMEOUT,
                Optional.of(
                        new JsonFieldCheck("subsystems.discovery.message", Optional.empty(), Optional.of("endpoints"))),
                Optional.empty());
        HttpProbe missing = new HttpProbe(
                HTTP,
                url(bridge.gatewayPort()),
                200,
                TIMEOUT,
                Optional.of(new JsonFieldCheck("subsystems.vault.healthy", Optional.of("true"), Optional.empty())),
                Optional.empty());

        assertThat(probe(contains).observed()).isEqualTo(HealthState.UP);
        assertThat(probe(missing).error()).isEqualTo("field subsystems.vault.healthy is missing");
    }

    @Test
    void endpointNeverShowsCredentials() {
        HttpProbe probe = new HttpProbe(
                HTTP,
                URI.create("http://admin:s3cret@gateway:8080/health?token=abc"),
                200,
                TIMEOUT,
                Optional.empty(),
                Optional.empty());

        assertThat(probe.endpoint()).isEqualTo("http://gateway:8080/health");
    }

    private HttpProbe gateway() {
        return new HttpProbe(
                HTTP,
                url(bridge.gatewayPort()),
                200,
                TIMEOUT,
                Optional.of(new JsonFieldCheck("healthy", Optional.of("true"), Optional.empty())),
                Optional.empty());
    }

    private static URI url(int port) {
        return URI.create("http://127.0.0.1:" + port + "/health");
    }

    private static ProbeResult probe(Probe probe) {
        return probe.probe().toCompletableFuture().join();
    }
}
