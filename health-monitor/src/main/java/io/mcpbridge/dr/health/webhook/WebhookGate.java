package io.mcpbridge.dr.health.webhook;

import io.mcpbridge.dr.health.config.MonitorConfig;
import io.mcpbridge.dr.health.metrics.MonitorMetrics;
import io.mcpbridge.dr.health.metrics.MonitorMetrics.WebhookOutcome;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Turns away webhook requests before their body is read: too large by Content-Length (413; a chunked body
 * is measured once read, by the resource) or without valid credentials (401).
 */
public class WebhookGate {

    private final WebhookAuthenticator authenticator;
    private final MonitorMetrics metrics;
    private final long maxBodyBytes;

    public WebhookGate(WebhookAuthenticator authenticator, MonitorMetrics metrics, MonitorConfig config) {
        this.authenticator = authenticator;
        this.metrics = metrics;
        this.maxBodyBytes = config.webhook().maxBodySize().asLongValue();
    }

    @ServerRequestFilter
    public Response check(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() != AlertmanagerResource.class) {
            return null;
        }
        if (request.getLength() > maxBodyBytes) {
            metrics.webhookRequest(WebhookOutcome.TOO_LARGE);
            return tooLarge(request.getLength(), maxBodyBytes);
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

    static Response tooLarge(long length, long limit) {
        return Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE)
                .type(MediaType.APPLICATION_JSON)
                .entity(WebhookReply.error(
                        "too_large", "body of " + length + " bytes exceeds the limit of " + limit + " bytes"))
                .build();
    }
}
