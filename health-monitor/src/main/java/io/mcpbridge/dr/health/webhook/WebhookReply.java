package io.mcpbridge.dr.health.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The webhook's answer body. Alertmanager ignores it; people reading logs or curl output do not.
 *
 * @param status     accepted, or the kind of error
 * @param alerts     alerts in the body
 * @param published  alerts published (acknowledged by Kafka)
 * @param duplicates repeats not published again
 * @param error      what is wrong, for errors
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookReply(String status, Integer alerts, Integer published, Integer duplicates, String error) {

    static WebhookReply accepted(int alerts, int published, int duplicates) {
        return new WebhookReply("accepted", alerts, published, duplicates, null);
    }

    static WebhookReply error(String status, String error) {
        return new WebhookReply(status, null, null, null, error);
    }
}
