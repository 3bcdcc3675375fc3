package io.mcpbridge.dr.health.support;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one sample from the service's Prometheus endpoint. */
public final class MetricsScrape {

    private MetricsScrape() {}

    /**
     * The value of the series whose name and labels start as given, e.g.
     * {@code value("mcpdr_webhook_requests_total{outcome=\"accepted\"")}; 0 when absent.
     */
    public static double value(String seriesPrefix) {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = Pattern.compile("^" + Pattern.quote(seriesPrefix) + "[^ ]* ([0-9.eE+-]+)$", Pattern.MULTILINE)
                .matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
