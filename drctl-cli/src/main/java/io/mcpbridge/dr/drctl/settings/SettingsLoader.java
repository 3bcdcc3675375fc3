package io.mcpbridge.dr.drctl.settings;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Resolves {@link Settings}: a flag wins over the environment ({@code MCPDR_BOOTSTRAP_SERVERS},
 * {@code MCPDR_KAFKA_SASL_MECHANISM}), which wins over the settings file, which wins over the defaults. The file
 * is {@code --config}, else {@code $MCPDR_CONFIG}, else {@code $XDG_CONFIG_HOME/mcpdr/drctl.properties}, else
 * {@code ~/.config/mcpdr/drctl.properties}; a missing file is not an error.
 */
public final class SettingsLoader {

    /** The environment variable of a setting: {@code kafka.sasl.mechanism} is {@code MCPDR_KAFKA_SASL_MECHANISM}. */
    static String environmentName(String setting) {
        return "MCPDR_" + setting.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The setting an environment variable names, for the {@code kafka.*} ones, which have no fixed list. */
    static String settingOf(String environmentName) {
        return environmentName
                .substring("MCPDR_".length())
                .toLowerCase(Locale.ROOT)
                .replace('_', '.');
    }

    private final Map<String, String> environment;
    private final String home;

    public SettingsLoader(Map<String, String> environment, String home) {
        this.environment = environment;
        this.home = home;
    }

    /** From this process's environment and home directory ({@code $HOME}, as the shell has it). */
    public static SettingsLoader ofProcess() {
        String home = System.getenv("HOME");
        return new SettingsLoader(
                System.getenv(), home == null || home.isBlank() ? System.getProperty("user.home") : home);
    }

    /**
     * @param flags      the settings given as flags, by setting name
     * @param configFile {@code --config}, when given
     */
    public Settings load(Map<String, String> flags, Optional<Path> configFile) {
        Path file = configFile.orElseGet(this::defaultFile);
        Map<String, String> fromFile = read(file);
        Map<String, Setting> settings = new LinkedHashMap<>();
        for (Map.Entry<String, String> fallback : defaults().entrySet()) {
            settings.put(fallback.getKey(), new Setting(fallback.getKey(), fallback.getValue(), "default"));
        }
        fromFile.forEach((name, value) -> settings.put(name, new Setting(name, value, "file " + file)));
        environment.forEach((variable, value) -> {
            if (variable.startsWith("MCPDR_KAFKA_")) {
                String name = settingOf(variable);
                settings.put(name, new Setting(name, value, "environment " + variable));
            }
        });
        for (String name : new String[] {Settings.BOOTSTRAP_SERVERS, Settings.IDENTITY, Settings.KEY_FILE}) {
            String variable = environmentName(name);
            Optional.ofNullable(environment.get(variable))
                    .filter(value -> !value.isBlank())
                    .ifPresent(value -> settings.put(name, new Setting(name, value, "environment " + variable)));
        }
        flags.forEach((name, value) -> settings.put(name, new Setting(name, value, "flag")));
        return new Settings(settings, file, Files.isRegularFile(file));
    }

    private Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(Settings.BOOTSTRAP_SERVERS, "localhost:9092");
        String user = environment.get("USER");
        if (user != null && !user.isBlank()) {
            defaults.put(Settings.IDENTITY, user);
        }
        defaults.put(Settings.KEY_FILE, configDirectory().resolve("drctl.key").toString());
        return defaults;
    }

    /** Where drctl's files live: {@code $XDG_CONFIG_HOME/mcpdr}, else {@code ~/.config/mcpdr}. */
    public Path configDirectory() {
        String xdg = environment.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".config");
        return base.resolve("mcpdr");
    }

    private Path defaultFile() {
        String named = environment.get("MCPDR_CONFIG");
        return named != null && !named.isBlank()
                ? Path.of(named)
                : configDirectory().resolve("drctl.properties");
    }

    private static Map<String, String> read(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return values;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the settings file " + file + ": " + e.getMessage(), e);
        }
        properties.stringPropertyNames().stream()
                .sorted()
                .forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }
}
