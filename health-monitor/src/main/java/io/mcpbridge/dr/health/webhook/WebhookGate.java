package io.mcpbridge.dr.health.webhook;

import io.mcpbridge.dr.health.metrics.MonitorMetrics;
import io.mcpbridge.dr.health.metrics.MonitorMetrics.WebhookOutcome;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Turns away webhook requests before their body is read: too large (413, by Content-Length; a chunked
 * body over the same limit is cut off by the HTTP layer) or without valid credentials (401).
 */
public class WebhookGate {

    private final WebhookAuthenticator authenticator;
    private final MonitorMetrics metrics;
    private final long maxBodyBytes;

    public WebhookGate(WebhookAuthenticator authenticator, MonitorMetrics metrics,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.authenticator = authenticator;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    @ServerRequestFilter
    public Response check(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() != AlertmanagerResource.class) {
            return null;
        }
        if (request.getLength() > maxBodyBytes) {
            metrics.webhookRequest(WebhookOutcome.TOO_LARGE);
            return reply(Response.Status.REQUEST_ENTITY_TOO_LARGE, "too_large",
                    "body of " + request.getLength() + " bytes exceeds the limit of " + maxBodyBytes + " bytes");
        }
        if (!authenticator.accepts(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            metrics.webhookRequest(WebhookOutcome.UNAUTHORIZED);
            return Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, authenticator.challenge())
                    .type(MediaType.APPLICATION_JSON)
                    .entity(WebhookReply.error("unauthorized", "missing or wrong credentials"))
                    .build();
        }
        return null;
    }

    private static Response reply(Response.Status status, String kind, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(WebhookReply.error(kind, message)).build();
    }
}
