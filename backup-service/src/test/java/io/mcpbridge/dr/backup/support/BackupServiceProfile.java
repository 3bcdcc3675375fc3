package io.mcpbridge.dr.backup.support;

import io.mcpbridge.dr.testing.KafkaBrokerResource;
import io.mcpbridge.dr.testing.TestSigners;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** backup-service against the shared real Kafka broker, a real S3 server and a redis-server. */
public class BackupServiceProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> settings = new HashMap<>(TestSigners.settings("mcpdr.backup", TestSigners.BACKUP_SERVICE));
        // The sessions' maximum backup age is set; the other scopes take the default (no schedule here: 12 h).
        settings.put("mcpdr.backup.max-age.redis", "2h");
        return settings;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(
                new TestResourceEntry(KafkaBrokerResource.class), new TestResourceEntry(BackupPeersResource.class));
    }
}
