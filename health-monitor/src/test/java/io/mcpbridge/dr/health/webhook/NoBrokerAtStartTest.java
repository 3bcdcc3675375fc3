package io.mcpbridge.dr.health.webhook;

import static io.mcpbridge.dr.health.support.AlertmanagerBodies.fingerprint;
import static io.mcpbridge.dr.health.support.AlertmanagerBodies.notification;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.health.support.Profiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With no broker at all, no send can start: the publisher keeps trying until the delivery deadline. That
 * wait must never hold an HTTP event loop: other requests are served meanwhile, and the webhook ends in a
 * 503 so that Alertmanager retries.
 */
@QuarkusTest
@TestProfile(Profiles.NoBroker.class)
class NoBrokerAtStartTest {

    @Test
    void webhookWaitsOffTheEventLoopAndAnswers503() throws Exception {
        String body =
                notification().firing(fingerprint(), "mcp-gateway", "critical").json();
        CompletableFuture<Integer> webhook = CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer test-token")
                .body(body)
                .post("/api/v1/alertmanager")
                .statusCode());

        // Served while the webhook request is still waiting for Kafka (delivery deadline 6 s). Several
        // requests, on new connections, so that every event loop is asked and none can be the stuck one.
        for (int i = 0; i < 8; i++) {
            given().header("Connection", "close").get("/q/health/live").then().statusCode(200);
        }
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/alertmanager")
                .then()
                .statusCode(401);
        assertThat(webhook).as("the webhook is still waiting for Kafka").isNotDone();

        assertThat(webhook.get(30, TimeUnit.SECONDS)).isEqualTo(503);
    }
}
