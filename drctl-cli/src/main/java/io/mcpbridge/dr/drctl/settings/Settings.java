package io.mcpbridge.dr.drctl.settings;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What drctl runs with: the broker, Kafka's security settings, the engineer's identity and key. Each resolved
 * from, in order, a flag, the environment, the settings file ({@code ~/.config/mcpdr/drctl.properties}), a
 * default; see {@link SettingsLoader}.
 */
public final class Settings {

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String IDENTITY = "identity";
    public static final String KEY_FILE = "key.file";
    /** Settings passed to the Kafka clients as they are, without this prefix ({@code kafka.security.protocol}). */
    public static final String KAFKA_PREFIX = "kafka.";

    private final Map<String, Setting> settings;
    private final Path file;
    private final boolean fileExists;

    Settings(Map<String, Setting> settings, Path file, boolean fileExists) {
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        this.file = file;
        this.fileExists = fileExists;
    }

    public String bootstrapServers() {
        return value(BOOTSTRAP_SERVERS).orElseThrow();
    }

    public Optional<String> identity() {
        return value(IDENTITY);
    }

    public Path keyFile() {
        return Path.of(value(KEY_FILE).orElseThrow());
    }

    /** The settings file read, whether or not it exists. */
    public Path file() {
        return file;
    }

    public boolean fileExists() {
        return fileExists;
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(settings.get(name)).map(Setting::value);
    }

    public Setting setting(String name) {
        return settings.get(name);
    }

    /** Every setting, the named ones first, then the Kafka client settings in name order. */
    public List<Setting> all() {
        return settings.values().stream()
                .sorted((a, b) -> {
                    boolean aKafka = a.name().startsWith(KAFKA_PREFIX);
                    boolean bKafka = b.name().startsWith(KAFKA_PREFIX);
                    return aKafka == bKafka ? (aKafka ? a.name().compareTo(b.name()) : 0) : aKafka ? 1 : -1;
                })
                .toList();
    }

    /** The Kafka clients' configuration: bootstrap servers and every {@code kafka.*} setting. */
    public Map<String, Object> kafka() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", bootstrapServers());
        settings.values().stream()
                .filter(setting -> setting.name().startsWith(KAFKA_PREFIX))
                .forEach(setting -> config.put(setting.name().substring(KAFKA_PREFIX.length()), setting.value()));
        return config;
    }
}
