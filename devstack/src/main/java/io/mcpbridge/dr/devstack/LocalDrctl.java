package io.mcpbridge.dr.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** drctl's settings for the local run: the local broker, and the engineer key the local services trust. */
final class LocalDrctl {

    private LocalDrctl() {}

    /** Writes {@code drctl.properties} in {@code dir}; {@code MCPDR_CONFIG} names it. */
    static Path writeSettings(Path dir, String bootstrapServers, LocalKeys keys) throws IOException {
        Path file = dir.resolve("drctl.properties");
        Files.writeString(
                file,
                "# drctl against ./dr-local: export MCPDR_CONFIG=" + file + "\n"
                        + "bootstrap.servers=" + bootstrapServers + "\n"
                        + "identity=" + LocalKeys.ENGINEER + "\n"
                        + "key.file=" + keys.privateKey(LocalKeys.ENGINEER) + "\n");
        return file;
    }
}
