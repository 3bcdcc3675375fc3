package io.mcpbridge.dr.notifier.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.dr.events.json.EventJson;
import io.mcpbridge.dr.notifier.config.NotifierConfig;
import io.mcpbridge.dr.notifier.ledger.DeliveryLedger;
import io.mcpbridge.dr.notifier.routing.ChannelAction;
import io.mcpbridge.dr.notifier.template.NotificationView;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * The public status page (Atlassian Statuspage REST API v1): an incident's first message opens a page incident
 * with MCP Bridge's component set to its outage level, later ones add public updates, the resolution resolves
 * it and sets the component operational. The page incident's id is kept in the delivery ledger. The API has no
 * idempotency key, so before opening one the channel looks among the page's unresolved incidents for the marker
 * it puts in every name: a create that timed out but succeeded is never opened twice. Everything sent is public,
 * so it comes from {@link PublicText} alone, never from the internal message. The API key is a secret: it is
 * in the Authorization header and nowhere else.
 */
@ApplicationScoped
public class StatuspageChannel implements Channel {

    private static final Logger LOG = Logger.getLogger(StatuspageChannel.class);
    static final String LEDGER_PREFIX = "statuspage|";

    private final boolean enabled;
    private final Optional<String> apiKey;
    private final String pageUrl;
    private final NotifierConfig.Statuspage settings;
    private final DeliveryLedger ledger;
    private final HttpSender sender;

    public StatuspageChannel(NotifierConfig config, HttpClients clients, DeliveryLedger ledger) {
        this.settings = config.statuspage();
        this.enabled = settings.enabled();
        this.apiKey = settings.apiKey().filter(k -> !k.isBlank());
        Optional<String> pageId = settings.pageId().filter(p -> !p.isBlank());
        if (enabled && (apiKey.isEmpty() || pageId.isEmpty())) {
            throw new IllegalStateException(
                    "mcpdr.notifier.statuspage.enabled=true needs mcpdr.notifier.statuspage.page-id and api-key");
        }
        // Appended, not resolved: a base URL with a path prefix (a proxy) keeps it.
        this.pageUrl = settings.apiUrl().toString().replaceAll("/+$", "") + "/pages/" + pageId.orElse("none");
        this.ledger = ledger;
        this.sender = new HttpSender(clients.client(), config.delivery().requestTimeout());
    }

    @Override
    public String name() {
        return "statuspage";
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public CompletionStage<Outcome> deliver(NotificationView view, String plainText, ChannelAction action) {
        if (apiKey.isEmpty()) {
            return CompletableFuture.completedFuture(new Outcome.Permanent("no Statuspage API key configured"));
        }
        PublicText text = new PublicText(view, settings.serviceName());
        Optional<String> known = ledger.recall(LEDGER_PREFIX + view.incidentId());
        if (known.isPresent()) {
            return update(known.get(), text);
        }
        return findOpen(text).thenCompose(found -> {
            if (found instanceof Found.Open open) {
                remember(view.incidentId(), open.id());
                return update(open.id(), text);
            }
            if (found instanceof Found.Failed failed) {
                return CompletableFuture.completedFuture(failed.outcome());
            }
            return create(view.incidentId(), text);
        });
    }

    private CompletionStage<Outcome> create(String incidentId, PublicText text) {
        ObjectNode incident = EventJson.mapper().createObjectNode();
        incident.put("name", text.name());
        incident.put("status", text.status());
        incident.put("body", text.body());
        incident.put("impact_override", text.impact());
        incident.put("deliver_notifications", settings.notifySubscribers());
        componentOf(text).ifPresent(id -> {
            incident.putArray("component_ids").add(id);
            incident.putObject("components").put(id, text.componentStatus());
        });
        return sender.send("POST", URI.create(pageUrl + "/incidents"), wrap(incident), auth())
                .handle((response, failure) -> {
                    if (failure != null) {
                        return HttpOutcomes.of(failure);
                    }
                    Outcome outcome = HttpOutcomes.of(response);
                    if (outcome instanceof Outcome.Delivered) {
                        idIn(response).ifPresent(id -> remember(incidentId, id));
                    }
                    return outcome;
                });
    }

    private CompletionStage<Outcome> update(String pageIncidentId, PublicText text) {
        ObjectNode incident = EventJson.mapper().createObjectNode();
        incident.put("status", text.status());
        incident.put("body", text.body());
        componentOf(text).ifPresent(id -> incident.putObject("components").put(id, text.componentStatus()));
        return sender.send("PATCH", URI.create(pageUrl + "/incidents/" + pageIncidentId), wrap(incident), auth())
                .handle((response, failure) -> failure != null ? HttpOutcomes.of(failure) : HttpOutcomes.of(response));
    }

    /** The page's unresolved incident that carries this incident's marker, if a create went through before. */
    private CompletionStage<Found> findOpen(PublicText text) {
        return sender.send("GET", URI.create(pageUrl + "/incidents/unresolved"), null, auth())
                .handle((response, failure) -> {
                    if (failure != null) {
                        return new Found.Failed(HttpOutcomes.of(failure));
                    }
                    Outcome outcome = HttpOutcomes.of(response);
                    if (!(outcome instanceof Outcome.Delivered)) {
                        return new Found.Failed(outcome);
                    }
                    try {
                        for (JsonNode incident : EventJson.mapper().readTree(response.body())) {
                            if (incident.path("name").asText("").contains(text.marker())) {
                                return new Found.Open(incident.path("id").asText());
                            }
                        }
                        return new Found.None();
                    } catch (RuntimeException | JsonProcessingException e) {
                        return new Found.Failed(new Outcome.RetryLater("unreadable incident list", Optional.empty()));
                    }
                });
    }

    private sealed interface Found {
        record Open(String id) implements Found {}

        record None() implements Found {}

        record Failed(Outcome outcome) implements Found {}
    }

    private static Optional<String> idIn(HttpResponse<String> response) {
        try {
            return Optional.of(EventJson.mapper()
                            .readTree(response.body())
                            .path("id")
                            .asText(""))
                    .filter(id -> !id.isEmpty());
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private Optional<String> componentOf(PublicText text) {
        return Optional.ofNullable(settings.components().get(text.component())).filter(id -> !id.isBlank());
    }

    private void remember(String incidentId, String pageIncidentId) {
        try {
            ledger.remember(LEDGER_PREFIX + incidentId, pageIncidentId);
        } catch (IllegalStateException e) {
            // The marker still finds it while it is unresolved.
            LOG.warnf("%s: the status page incident id was not recorded: %s", incidentId, e.getMessage());
        }
    }

    private Map<String, String> auth() {
        return Map.of("Authorization", "OAuth " + apiKey.orElseThrow());
    }

    private static ObjectNode wrap(ObjectNode incident) {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.set("incident", incident);
        return body;
    }
}
