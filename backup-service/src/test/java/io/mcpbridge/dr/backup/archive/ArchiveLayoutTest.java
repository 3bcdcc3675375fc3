package io.mcpbridge.dr.backup.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.backup.BackupScope;
import org.junit.jupiter.api.Test;

/** Archives already stored were written in this layout: every reader must keep finding their entries. */
class ArchiveLayoutTest {

    @Test
    void entriesAreNamedAsArchivesHaveAlwaysNamedThem() {
        assertThat(ArchiveLayout.redisChunk(1)).isEqualTo("redis/keys-000001.bin");
        assertThat(ArchiveLayout.file(BackupScope.CONFIGS, "gateway.yaml")).isEqualTo("configs/gateway.yaml");
        assertThat(ArchiveLayout.file(BackupScope.CERTS, "tls/gateway.pem")).isEqualTo("certs/tls/gateway.pem");
        assertThat(ArchiveLayout.kubernetesResource("1-secrets", "mcp-credentials"))
                .isEqualTo("kubernetes/1-secrets/mcp-credentials.json");
    }

    @Test
    void eachEntryBelongsToItsScopeAndTheManifestToNone() {
        assertThat(ArchiveLayout.scopeOf("redis/keys-000042.bin")).contains(BackupScope.REDIS);
        assertThat(ArchiveLayout.scopeOf("configs/certs/x.pem")).contains(BackupScope.CONFIGS);
        assertThat(ArchiveLayout.scopeOf("kubernetes/5-deployments/mcp-gateway.json"))
                .contains(BackupScope.KUBERNETES);
        assertThat(ArchiveLayout.scopeOf(Manifest.ENTRY_NAME)).isEmpty();
        assertThat(ArchiveLayout.scopeOf("redisish/keys.bin")).isEmpty();
    }

    @Test
    void onlyAResourceEntryNamesAKindFolder() {
        assertThat(ArchiveLayout.kubernetesKindFolder("kubernetes/2-configmaps/mcp-config.json"))
                .contains("2-configmaps");
        assertThat(ArchiveLayout.kubernetesKindFolder("kubernetes/2-configmaps/nested/mcp-config.json"))
                .isEmpty();
        assertThat(ArchiveLayout.kubernetesKindFolder("configs/2-configmaps/mcp-config.json"))
                .isEmpty();
    }
}
