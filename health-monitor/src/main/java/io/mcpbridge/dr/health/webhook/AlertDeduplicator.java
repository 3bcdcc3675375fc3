package io.mcpbridge.dr.health.webhook;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mcpbridge.dr.events.alert.AlertEvent;
import io.mcpbridge.dr.events.alert.AlertStatus;
import io.mcpbridge.dr.health.config.MonitorConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Drops Alertmanager's repeats: an alert whose fingerprint was last published with the same status within
 * the window is not published again. Keyed by fingerprint with the last published status, so
 * firing → resolved → firing again is three events, not one. Remembered only after Kafka acknowledged,
 * so a failed publish is retried in full when Alertmanager resends.
 *
 * <p>Per instance and in memory: with several replicas, or after a restart, a repeat can pass once more;
 * its {@code ce_id} is the same as the first one's, so consumers drop it.
 */
@ApplicationScoped
public class AlertDeduplicator {

    private final Cache<String, AlertStatus> lastPublished;

    public AlertDeduplicator(MonitorConfig config) {
        this.lastPublished = Caffeine.newBuilder()
                .expireAfterWrite(config.webhook().dedupWindow())
                .maximumSize(config.webhook().dedupCapacity())
                .build();
    }

    public boolean isRepeat(AlertEvent alert) {
        return lastPublished.getIfPresent(alert.fingerprint()) == alert.status();
    }

    public void published(AlertEvent alert) {
        lastPublished.put(alert.fingerprint(), alert.status());
    }
}
