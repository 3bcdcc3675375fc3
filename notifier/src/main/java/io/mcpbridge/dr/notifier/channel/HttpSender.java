package io.mcpbridge.dr.notifier.channel;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpbridge.dr.events.json.EventJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** POSTs JSON and turns whatever happens into an {@link Outcome}; shared by Slack and PagerDuty. */
final class HttpSender {

    private final HttpClient client;
    private final Duration timeout;

    HttpSender(HttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    CompletionStage<Outcome> postJson(URI url, JsonNode body) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "mcp-dr-notifier")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EventJson.toBytes(body)))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> failure != null ? HttpOutcomes.of(failure) : HttpOutcomes.of(response));
    }
}
