package io.mcpbridge.dr.health.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.dr.health.config.MonitorConfig.AuthMode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which Authorization headers each mode accepts, and that a mode without its secret refuses to start. */
class WebhookAuthenticatorTest {

    @Test
    void bearerAcceptsOnlyTheExactToken() {
        WebhookAuthenticator auth =
                new WebhookAuthenticator(AuthMode.BEARER, Optional.of("s3cret"), Optional.empty(), Optional.empty());

        assertThat(auth.accepts("Bearer s3cret")).isTrue();
        assertThat(auth.accepts("Bearer s3cre")).isFalse();
        assertThat(auth.accepts("Bearer s3cret2")).isFalse();
        assertThat(auth.accepts("s3cret")).isFalse();
        assertThat(auth.accepts(null)).isFalse();
        assertThat(auth.challenge()).isEqualTo("Bearer realm=\"mcp-dr\"");
    }

    @Test
    void basicAcceptsTheConfiguredUserAndPassword() {
        WebhookAuthenticator auth =
                new WebhookAuthenticator(AuthMode.BASIC, Optional.empty(), Optional.of("am"), Optional.of("pw"));

        assertThat(auth.accepts("Basic YW06cHc=")).isTrue(); // am:pw
        assertThat(auth.accepts("Basic YW06cHd4")).isFalse(); // am:pwx
        assertThat(auth.accepts("Bearer pw")).isFalse();
        assertThat(auth.challenge()).startsWith("Basic");
    }

    @Test
    void noneAcceptsAnythingButOnlyWhenChosen() {
        WebhookAuthenticator auth =
                new WebhookAuthenticator(AuthMode.NONE, Optional.empty(), Optional.empty(), Optional.empty());

        assertThat(auth.accepts(null)).isTrue();
    }

    @Test
    void bearerWithoutATokenRefusesToStartAndSaysHowToFixIt() {
        assertThatThrownBy(() ->
                        new WebhookAuthenticator(AuthMode.BEARER, Optional.empty(), Optional.empty(), Optional.empty()))
                .hasMessageContaining("mcpdr.webhook.token")
                .hasMessageContaining("mcpdr.webhook.auth=none");
        assertThatThrownBy(() -> new WebhookAuthenticator(
                        AuthMode.BEARER, Optional.of("  "), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() ->
                        new WebhookAuthenticator(AuthMode.BASIC, Optional.empty(), Optional.of("am"), Optional.empty()))
                .hasMessageContaining("basic-password");
    }
}
