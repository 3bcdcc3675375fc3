package io.mcpbridge.dr.health.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * An Alertmanager webhook body, payload version 4 ({@code specs/alertmanager-webhook.md}). Unknown fields
 * (newer releases add some) are ignored.
 */
@RegisterForReflection
public record AlertmanagerNotification(
        String version,
        String groupKey,
        Integer truncatedAlerts,
        String status,
        String receiver,
        Map<String, String> groupLabels,
        Map<String, String> commonLabels,
        Map<String, String> commonAnnotations,
        @JsonProperty("externalURL") String externalUrl,
        List<Alert> alerts) {

    /** One alert of the group. Times stay text until validated, so a bad one gets a precise message. */
    @RegisterForReflection
    public record Alert(
            String status,
            Map<String, String> labels,
            Map<String, String> annotations,
            String startsAt,
            String endsAt,
            @JsonProperty("generatorURL") String generatorUrl,
            String fingerprint) {}
}
