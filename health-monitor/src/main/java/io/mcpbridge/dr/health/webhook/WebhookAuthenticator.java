package io.mcpbridge.dr.health.webhook;

import io.mcpbridge.dr.health.config.MonitorConfig;
import io.mcpbridge.dr.health.config.MonitorConfig.AuthMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Checks the credentials Alertmanager's {@code http_config} sends: a bearer token or basic auth. Running
 * without authentication must be chosen explicitly ({@code mcpdr.webhook.auth=none}); a bearer or basic
 * mode without its secret refuses to start. Comparisons take constant time.
 */
@Startup
@ApplicationScoped
public class WebhookAuthenticator {

    private static final Logger LOG = Logger.getLogger(WebhookAuthenticator.class);

    private final AuthMode mode;
    private final byte[] expected;

    @Inject
    public WebhookAuthenticator(MonitorConfig config) {
        this(
                config.webhook().auth(),
                config.webhook().token(),
                config.webhook().basicUsername(),
                config.webhook().basicPassword());
    }

    WebhookAuthenticator(
            AuthMode mode, Optional<String> token, Optional<String> basicUsername, Optional<String> basicPassword) {
        this.mode = mode;
        this.expected = switch (mode) {
            case BEARER ->
                ("Bearer "
                                + token.filter(t -> !t.isBlank())
                                        .orElseThrow(
                                                () -> new IllegalStateException(
                                                        "mcpdr.webhook.auth=bearer needs mcpdr.webhook.token"
                                                                + " (or set mcpdr.webhook.auth=none to accept unauthenticated alerts)")))
                        .getBytes(StandardCharsets.UTF_8);
            case BASIC ->
                ("Basic "
                                + Base64.getEncoder()
                                        .encodeToString((basicUsername.orElseThrow(() -> missing("basic-username"))
                                                        + ":"
                                                        + basicPassword.orElseThrow(() -> missing("basic-password")))
                                                .getBytes(StandardCharsets.UTF_8)))
                        .getBytes(StandardCharsets.UTF_8);
            case NONE -> new byte[0];
        };
        if (mode == AuthMode.NONE) {
            LOG.warn("the Alertmanager webhook accepts unauthenticated requests (mcpdr.webhook.auth=none)");
        }
    }

    private static IllegalStateException missing(String property) {
        return new IllegalStateException("mcpdr.webhook.auth=basic needs mcpdr.webhook." + property);
    }

    /** Whether the {@code Authorization} header value is acceptable. */
    public boolean accepts(String authorization) {
        if (mode == AuthMode.NONE) {
            return true;
        }
        if (authorization == null) {
            return false;
        }
        return MessageDigest.isEqual(expected, authorization.trim().getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code WWW-Authenticate} challenge for a 401. */
    public String challenge() {
        return (mode == AuthMode.BASIC ? "Basic" : "Bearer") + " realm=\"mcp-dr\"";
    }
}
