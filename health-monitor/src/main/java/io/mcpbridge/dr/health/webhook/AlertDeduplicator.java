package io.mcpbridge.dr.health.webhook;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mcpbridge.dr.events.alert.AlertEvent;
import io.mcpbridge.dr.events.alert.AlertStatus;
import io.mcpbridge.dr.health.config.MonitorConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Drops Alertmanager's repeats: an alert whose fingerprint and start were last published with the same
 * status within the window is not published again. Keyed by fingerprint and {@code startsAt} (an alert that
 * fires anew has a new start) with the last published status, so firing → resolved → firing again is three
 * events, and a new firing is never mistaken for a repeat even when this instance missed the resolution.
 * Each repeat keeps the entry alive (expire after access), so repeats every {@code repeat_interval} stay
 * dropped. Remembered only after Kafka acknowledged, so a failed publish is retried in full when
 * Alertmanager resends.
 *
 * <p>Per instance and in memory: with several replicas, or after a restart, a repeat can pass once more;
 * its {@code ce_id} is the same as the first one's, so consumers drop it.
 */
@ApplicationScoped
public class AlertDeduplicator {

    private final Cache<String, AlertStatus> lastPublished;

    public AlertDeduplicator(MonitorConfig config) {
        this.lastPublished = Caffeine.newBuilder()
                .expireAfterAccess(config.webhook().dedupWindow())
                .maximumSize(config.webhook().dedupCapacity())
                .build();
    }

    public boolean isRepeat(AlertEvent alert) {
        return lastPublished.getIfPresent(key(alert)) == alert.status();
    }

    public void published(AlertEvent alert) {
        lastPublished.put(key(alert), alert.status());
    }

    private static String key(AlertEvent alert) {
        return alert.fingerprint() + "@" + alert.startsAt().toEpochMilli();
    }
}
