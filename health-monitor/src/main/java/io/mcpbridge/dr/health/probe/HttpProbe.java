package io.mcpbridge.dr.health.probe;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpbridge.dr.events.health.ProbeKind;
import io.mcpbridge.dr.events.json.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * GETs a health URL. DOWN when it does not answer in time, answers another status than expected, or its
 * JSON field check fails; DEGRADED when it answers slower than the configured threshold.
 */
final class HttpProbe implements Probe {

    /** Enough of a health body to explain a failure; the rest is noise in an event. */
    private static final int MAX_BODY_IN_ERROR = 200;

    private final HttpClient client;
    private final URI url;
    private final int expectStatus;
    private final Duration timeout;
    private final Optional<JsonFieldCheck> jsonCheck;
    private final Optional<Duration> degradedAbove;

    HttpProbe(
            HttpClient client,
            URI url,
            int expectStatus,
            Duration timeout,
            Optional<JsonFieldCheck> jsonCheck,
            Optional<Duration> degradedAbove) {
        this.client = client;
        this.url = url;
        this.expectStatus = expectStatus;
        this.timeout = timeout;
        this.jsonCheck = jsonCheck;
        this.degradedAbove = degradedAbove;
    }

    @Override
    public ProbeKind kind() {
        return ProbeKind.HTTP;
    }

    @Override
    public String endpoint() {
        return Endpoints.redact(url);
    }

    @Override
    public CompletionStage<ProbeResult> probe() {
        Stopwatch watch = Stopwatch.start();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .GET()
                .header("Accept", "application/json")
                .header("User-Agent", "mcp-dr-health-monitor")
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> failure != null
                        ? ProbeResult.down(Failures.describe(failure, timeout), watch.elapsed())
                        : judge(response, watch.elapsed()));
    }

    private ProbeResult judge(HttpResponse<String> response, Duration latency) {
        String body = response.body() == null ? "" : response.body();
        if (response.statusCode() != expectStatus) {
            String why = "HTTP " + response.statusCode() + " (expected " + expectStatus + ")";
            return ProbeResult.down(
                    jsonCheck
                            .flatMap(check -> check.failure(parse(body)))
                            .map(f -> why + ": " + f)
                            .orElse(why + bodyHint(body)),
                    latency);
        }
        if (jsonCheck.isPresent()) {
            Optional<String> failure = jsonCheck.get().failure(parse(body));
            if (failure.isPresent()) {
                return ProbeResult.down(failure.get(), latency);
            }
        }
        if (degradedAbove.isPresent() && latency.compareTo(degradedAbove.get()) > 0) {
            return ProbeResult.degraded(
                    "slow: answered in " + latency.toMillis() + " ms (threshold "
                            + degradedAbove.get().toMillis() + " ms)",
                    latency);
        }
        return ProbeResult.up(latency);
    }

    private static JsonNode parse(String body) {
        try {
            return EventJson.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String bodyHint(String body) {
        String trimmed = body.strip().replaceAll("\\s+", " ");
        if (trimmed.isEmpty()) {
            return "";
        }
        return ": " + (trimmed.length() > MAX_BODY_IN_ERROR ? trimmed.substring(0, MAX_BODY_IN_ERROR) + "…" : trimmed);
    }
}
