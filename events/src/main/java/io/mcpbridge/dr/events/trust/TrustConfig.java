package io.mcpbridge.dr.events.trust;

import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Whom a service believes, and who it is when it signs: a config group every service that reads or sends
 * commands or results nests under its own prefix ({@code mcpdr.coordinator.trust.*}, {@code mcpdr.backup.trust.*}).
 */
public interface TrustConfig {

    /**
     * Trusted signers, one line each as {@code drctl keygen} prints it ({@code alice ed25519 MCowBQ...}),
     * comma-separated. For keys that change with a deployment; people's keys belong in {@link #file()}.
     */
    Optional<List<String>> signers();

    /**
     * A file of trusted signer lines (a mounted Secret or ConfigMap), read again when it changes: removing a
     * line revokes that key within {@link #recheck()} of the file changing on disk.
     */
    Optional<Path> file();

    /** How often the trust file is looked at for changes. Default 5 s. */
    @WithDefault("5s")
    Duration recheck();

    /**
     * How far a command's signed time may be from when the broker took it; also how long command ids are
     * remembered (twice this). Default 5 min.
     */
    @WithDefault("5m")
    Duration maxSkew();

    /** This service's own signing identity, for what it sends on signed topics. */
    Signing signing();

    interface Signing {

        /** The name this service signs as; the receivers' trust lists must name it. */
        Optional<String> name();

        /** Its Ed25519 private key, PKCS#8 PEM or its base64 body (from a Secret, as an environment variable). */
        Optional<String> key();

        /** A file holding the private key (a mounted Secret). */
        Optional<Path> keyFile();
    }
}
