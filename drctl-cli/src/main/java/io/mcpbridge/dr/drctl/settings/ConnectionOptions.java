package io.mcpbridge.dr.drctl.settings;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every command that talks to Kafka or signs takes; each overrides the environment and file. */
public class ConnectionOptions {

    @Option(
            names = {"-b", "--bootstrap-servers"},
            paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers (bootstrap.servers, MCPDR_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(
            names = "--kafka",
            paramLabel = "NAME=VALUE",
            description = "A Kafka client setting, e.g. security.protocol=SASL_SSL (kafka.NAME, MCPDR_KAFKA_NAME).")
    Map<String, String> kafka = new LinkedHashMap<>();

    @Option(
            names = "--identity",
            paramLabel = "NAME",
            description = "Who signs: the name the services trust your key as (identity, MCPDR_IDENTITY).")
    String identity;

    @Option(
            names = "--key-file",
            paramLabel = "FILE",
            description = "Your Ed25519 private key (key.file, MCPDR_KEY_FILE).")
    Path keyFile;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The settings file (MCPDR_CONFIG; default ~/.config/mcpdr/drctl.properties).")
    Path config;

    private Settings resolved;

    /** The settings, resolved once. */
    public Settings settings() {
        if (resolved == null) {
            Map<String, String> flags = new LinkedHashMap<>();
            if (bootstrapServers != null) {
                flags.put(Settings.BOOTSTRAP_SERVERS, bootstrapServers);
            }
            if (identity != null) {
                flags.put(Settings.IDENTITY, identity);
            }
            if (keyFile != null) {
                flags.put(Settings.KEY_FILE, keyFile.toString());
            }
            kafka.forEach((name, value) -> flags.put(Settings.KAFKA_PREFIX + name, value));
            resolved = SettingsLoader.ofProcess().load(flags, Optional.ofNullable(config));
        }
        return resolved;
    }
}
