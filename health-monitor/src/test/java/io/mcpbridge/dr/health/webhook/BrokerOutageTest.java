package io.mcpbridge.dr.health.webhook;

import static io.mcpbridge.dr.health.support.AlertmanagerBodies.fingerprint;
import static io.mcpbridge.dr.health.support.AlertmanagerBodies.notification;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.mcpbridge.dr.health.support.MetricsScrape;
import io.mcpbridge.dr.health.support.Profiles;
import io.mcpbridge.dr.testing.DedicatedKafkaBrokerResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * When Kafka cannot take the alerts the webhook answers 5xx, so that Alertmanager retries them (it drops
 * 4xx for good), and readiness goes down.
 */
@QuarkusTest
@TestProfile(Profiles.BrokerOutage.class)
class BrokerOutageTest {

    @Test
    void alertsAre503WhileTheBrokerIsUnreachableAndReadinessSaysSo() {
        String body =
                notification().firing(fingerprint(), "mcp-gateway", "critical").json();
        post(body).then().statusCode(200).body("published", equalTo(1));
        given().get("/q/health/ready").then().statusCode(200);

        DedicatedKafkaBrokerResource.broker().close();

        String afterOutage =
                notification().firing(fingerprint(), "mcp-gateway", "critical").json();
        post(afterOutage)
                .then()
                .statusCode(503)
                .body("status", equalTo("unavailable"))
                .body("error", containsString("Kafka did not acknowledge the alerts"));
        Assertions.assertThat(MetricsScrape.value("mcpdr_webhook_requests_total{outcome=\"unavailable\""))
                .isEqualTo(1);
        // Not remembered as published: Alertmanager's retry of the same alert is not dropped as a repeat.
        post(afterOutage).then().statusCode(503);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> given().get("/q/health/ready").statusCode() == 503);
    }

    private static Response post(String body) {
        return given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer test-token")
                .body(body)
                .post("/api/v1/alertmanager");
    }
}
