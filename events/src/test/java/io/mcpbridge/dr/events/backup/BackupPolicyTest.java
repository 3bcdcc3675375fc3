package io.mcpbridge.dr.events.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.json.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackupPolicyTest {

    private static final BackupPolicy POLICY = new BackupPolicy(
            Map.of(BackupScope.REDIS, Duration.ofHours(2), BackupScope.CONFIGS, Duration.ofHours(12)),
            List.of(BackupScope.CONFIGS, BackupScope.REDIS),
            Map.of("backup", "0 0 */6 * * ?", "verify", "off", "prune", "off"),
            Duration.ofDays(30),
            3,
            "s3://mcp-backups/mcp-bridge/",
            Instant.parse("2026-10-17T09:00:00Z"));

    @Test
    void maximumAgesAreKeyedByTheScopesWireNamesAsIsoDurations() {
        String json = new String(EventJson.toBytes(POLICY), StandardCharsets.UTF_8);

        assertThat(json).contains("\"redis\":\"PT2H\"").contains("\"configs\":\"PT12H\"");
        assertThat(json).contains("\"retentionMaxAge\":\"PT720H\"");
    }

    @Test
    void readsBackWhatItWrites() {
        assertThat(EventJson.fromBytes(EventJson.toBytes(POLICY), BackupPolicy.class))
                .isEqualTo(POLICY);
    }
}
