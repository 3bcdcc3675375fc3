package io.mcpbridge.dr.backup.support;

import io.mcpbridge.dr.testing.KafkaBrokerResource;
import io.mcpbridge.dr.testing.TestSigners;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** backup-service against the shared real Kafka broker, a real S3 server and a redis-server. */
public class BackupServiceProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return TestSigners.settings("mcpdr.backup", TestSigners.BACKUP_SERVICE);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(
                new TestResourceEntry(KafkaBrokerResource.class), new TestResourceEntry(BackupPeersResource.class));
    }
}
