package io.mcpbridge.dr.notifier.channel;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpbridge.dr.events.json.EventJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
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
        return post(url, body, Map.of())
                .handle((response, failure) -> failure != null ? HttpOutcomes.of(failure) : HttpOutcomes.of(response));
    }

    /** The raw exchange, for APIs whose answer body decides (Slack's Web API answers errors with 200). */
    CompletionStage<HttpResponse<String>> post(URI url, JsonNode body, Map<String, String> headers) {
        return send("POST", url, body, headers);
    }

    /**
     * The raw exchange with any method; {@code body} null sends none.
     */
    CompletionStage<HttpResponse<String>> send(String method, URI url, JsonNode body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("User-Agent", "mcp-dr-notifier")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(EventJson.toBytes(body)));
        if (body != null) {
            request.header("Content-Type", "application/json; charset=utf-8");
        }
        headers.forEach(request::header);
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
