package io.mcpbridge.dr.notifier.channel;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.http.HttpClient;
import java.time.Duration;

/** The one HTTP client of the service (connection pools are per client). */
@ApplicationScoped
public class HttpClients {

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    public HttpClient client() {
        return client;
    }
}
