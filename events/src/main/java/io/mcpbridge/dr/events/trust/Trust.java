package io.mcpbridge.dr.events.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Builds a service's signer and authenticator from its {@link TrustConfig}. */
public final class Trust {

    private Trust() {}

    /** Checks records against the configured signers and trust file. */
    public static RecordAuthenticator authenticator(TrustConfig config, Clock clock, Consumer<String> problems) {
        return new RecordAuthenticator(
                new TrustSource(config.signers().orElse(List.of()), config.file(), config.recheck(), clock, problems),
                config.maxSkew());
    }

    /**
     * The service's own signer, when a key is configured.
     *
     * @param defaultName the name to sign as when none is configured (the service's)
     * @throws IllegalStateException when a key is configured but unusable, saying which setting, never the key
     */
    public static Optional<RecordSigner> signer(TrustConfig config, String defaultName) {
        TrustConfig.Signing signing = config.signing();
        Optional<String> text = signing.key()
                .or(() -> signing.keyFile().map(path -> {
                    try {
                        return Files.readString(path);
                    } catch (IOException e) {
                        throw new IllegalStateException("the signing key file " + path + " cannot be read ("
                                + e.getClass().getSimpleName() + ")");
                    }
                }));
        return text.map(pem -> {
            try {
                return new RecordSigner(signing.name().orElse(defaultName), Ed25519Keys.parsePrivate(pem));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("the configured signing key is unusable: " + e.getMessage());
            }
        });
    }
}
