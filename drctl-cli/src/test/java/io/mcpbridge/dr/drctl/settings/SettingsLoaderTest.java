package io.mcpbridge.dr.drctl.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

    @TempDir
    Path home;

    @Test
    void aFlagWinsOverTheEnvironmentWhichWinsOverTheFileWhichWinsOverTheDefault() throws IOException {
        Path file = Files.createDirectories(home.resolve(".config/mcpdr")).resolve("drctl.properties");
        Files.writeString(
                file,
                "bootstrap.servers=file:9092\nidentity=from-file\nkafka.security.protocol=SASL_SSL\n"
                        + "kafka.sasl.mechanism=SCRAM-SHA-512\n");
        SettingsLoader loader = new SettingsLoader(
                Map.of(
                        "USER", "someone",
                        "MCPDR_IDENTITY", "from-env",
                        "MCPDR_KAFKA_SASL_MECHANISM", "PLAIN"),
                home.toString());

        Settings settings = loader.load(Map.of("bootstrap.servers", "flag:9092"), Optional.empty());

        assertThat(settings.setting("bootstrap.servers"))
                .isEqualTo(new Setting("bootstrap.servers", "flag:9092", "flag"));
        assertThat(settings.setting("identity").value()).isEqualTo("from-env");
        assertThat(settings.setting("identity").origin()).isEqualTo("environment MCPDR_IDENTITY");
        assertThat(settings.setting("kafka.security.protocol").origin()).isEqualTo("file " + file);
        assertThat(settings.setting("kafka.sasl.mechanism").value()).isEqualTo("PLAIN");
        assertThat(settings.setting("key.file").origin()).isEqualTo("default");
        assertThat(settings.keyFile()).isEqualTo(home.resolve(".config/mcpdr/drctl.key"));
        assertThat(settings.kafka())
                .containsEntry("bootstrap.servers", "flag:9092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN");
    }

    @Test
    void withNothingSetTheBrokerIsLocalAndTheIdentityIsTheLoginName() {
        Settings settings =
                new SettingsLoader(Map.of("USER", "alice"), home.toString()).load(Map.of(), Optional.empty());

        assertThat(settings.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(settings.identity()).contains("alice");
        assertThat(settings.fileExists()).isFalse();
    }

    @Test
    void theSettingsFileCanBeNamedAndXdgConfigHomeMovesTheDefaults() throws IOException {
        Path named = Files.writeString(home.resolve("team.properties"), "identity=bob\n");
        Settings settings = new SettingsLoader(
                        Map.of("XDG_CONFIG_HOME", home.resolve("xdg").toString()), "/nowhere")
                .load(Map.of(), Optional.of(named));

        assertThat(settings.identity()).contains("bob");
        assertThat(settings.keyFile()).isEqualTo(home.resolve("xdg/mcpdr/drctl.key"));
    }

    @Test
    void passwordsAndJaasSettingsAreNeverShown() {
        assertThat(new Setting("kafka.sasl.jaas.config", "org...ScramLoginModule required password=\"x\";", "flag")
                        .shown())
                .doesNotContain("password=");
        assertThat(new Setting("kafka.ssl.truststore.password", "changeit", "flag").shown())
                .isEqualTo("(set, not shown)");
        assertThat(new Setting("kafka.ssl.key.password", "k", "flag").secret()).isTrue();
        assertThat(new Setting("bootstrap.servers", "b:9092", "flag").shown()).isEqualTo("b:9092");
    }

    @Test
    void environmentNamesFollowTheSettingNames() {
        assertThat(SettingsLoader.environmentName("kafka.sasl.mechanism")).isEqualTo("MCPDR_KAFKA_SASL_MECHANISM");
        assertThat(SettingsLoader.settingOf("MCPDR_KAFKA_SASL_MECHANISM")).isEqualTo("kafka.sasl.mechanism");
    }
}
