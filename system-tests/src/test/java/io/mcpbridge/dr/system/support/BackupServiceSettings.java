package io.mcpbridge.dr.system.support;

import io.mcpbridge.dr.testing.S3Server;
import io.mcpbridge.dr.testing.TestSigners;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The settings a packaged backup-service needs in a system test: its key, the S3 bucket, its sources. */
public final class BackupServiceSettings {

    private BackupServiceSettings() {}

    /**
     * A fresh archive key and signing identity, the test's S3 server, these sources, every schedule off (callers
     * turn one on) and a quick progress pace.
     */
    public static Map<String, String> of(S3Server s3, String scopes, Path configs, String redisUri) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.putAll(TestSigners.settings("mcpdr.backup", TestSigners.BACKUP_SERVICE));
        settings.put("mcpdr.backup.key", Base64.getEncoder().encodeToString(key));
        settings.put("mcpdr.backup.store.kind", "s3");
        settings.put("mcpdr.backup.store.endpoint", s3.endpoint().toString());
        settings.put("mcpdr.backup.store.bucket", S3Server.BUCKET);
        settings.put("mcpdr.backup.store.path-style", "true");
        settings.put("mcpdr.backup.store.access-key-id", S3Server.ACCESS_KEY);
        settings.put("mcpdr.backup.store.secret-access-key", S3Server.SECRET_KEY);
        settings.put("mcpdr.backup.scopes", scopes);
        settings.put("mcpdr.backup.configs.directory", configs.toString());
        settings.put("mcpdr.backup.redis.url", redisUri);
        settings.put("mcpdr.backup.schedule.backup", "off");
        settings.put("mcpdr.backup.schedule.verify", "off");
        settings.put("mcpdr.backup.schedule.prune", "off");
        settings.put("mcpdr.backup.progress-interval", "200ms");
        return settings;
    }
}
