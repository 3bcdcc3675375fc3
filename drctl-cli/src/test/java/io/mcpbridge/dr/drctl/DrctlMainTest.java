package io.mcpbridge.dr.drctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.trust.Ed25519Keys;
import io.mcpbridge.dr.events.trust.TrustedSigners;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** drctl's own part, before any broker: keys, settings, usage, confirmation. */
@QuarkusMainTest
class DrctlMainTest {

    @TempDir
    Path dir;

    @Test
    void keygenWritesAKeyOnlyItsOwnerCanReadAndPrintsTheLineServicesTrust(QuarkusMainLauncher launcher)
            throws IOException {
        Path key = dir.resolve("keys/bob.key");
        Path config = dir.resolve("drctl.properties");

        LaunchResult result = launcher.launch(
                "keygen", "--identity", "bob", "--key-file", key.toString(), "--config", config.toString());

        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        TrustedSigners trusted = TrustedSigners.parse(result.getOutput(), "output");
        assertThat(trusted.problems()).isEmpty();
        assertThat(trusted.keysOf("bob")).hasSize(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
        assertThat(Ed25519Keys.parsePrivate(Files.readString(key))).isNotNull();
        assertThat(Files.readString(Path.of(key + ".pub")).strip())
                .isEqualTo(result.getOutput().strip());
        assertThat(Files.readString(config)).contains("identity=bob");

        LaunchResult again = launcher.launch(
                "keygen", "--identity", "bob", "--key-file", key.toString(), "--config", config.toString());
        assertThat(again.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(again.getErrorOutput()).contains("--force");
    }

    @Test
    void configShowsWhereEachSettingComesFromAndNeverAPassword(QuarkusMainLauncher launcher) throws IOException {
        Path config = Files.writeString(
                dir.resolve("drctl.properties"),
                "bootstrap.servers=kafka.example:9093\nkafka.sasl.jaas.config=org.Example required password=\"hunter2\";\n");

        LaunchResult result = launcher.launch("config", "--config", config.toString(), "--identity", "carol");

        assertThat(result.exitCode()).isZero();
        assertThat(result.getOutput())
                .contains("kafka.example:9093", "file " + config, "carol", "flag", "(set, not shown)")
                .doesNotContain("hunter2");
    }

    @Test
    void aDestructiveCommandWithNobodyToAskNeedsYes(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("revoke-sessions", "redis", "--reason", "leaked tokens");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.getErrorOutput()).contains("pass --yes");
    }

    @Test
    void aPrivateKeyOthersCanReadIsNotUsed(QuarkusMainLauncher launcher) throws IOException {
        Path key = dir.resolve("open.key");
        Files.writeString(key, Ed25519Keys.privatePem(Ed25519Keys.generate().getPrivate()));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        LaunchResult result = launcher.launch(
                "ack", "gateway", "--identity", "dave", "--key-file", key.toString(), "-b", "127.0.0.1:1");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.getErrorOutput()).contains("chmod 600 " + key);
    }

    @Test
    void badUsageExits2WithTheValuesThatWork(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("incidents", "-o", "xml");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.getErrorOutput()).contains("TABLE, JSON, YAML");
    }

    @Test
    void maintenanceOnSaysHowLongOrIsRefused(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("maintenance", "on", "gateway", "-b", "127.0.0.1:1");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.getErrorOutput()).contains("--for");
    }
}
