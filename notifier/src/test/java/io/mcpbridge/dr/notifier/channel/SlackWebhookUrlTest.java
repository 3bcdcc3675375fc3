package io.mcpbridge.dr.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The webhook URL is the secret: a malformed one is refused without ever being quoted. */
class SlackWebhookUrlTest {

    @Test
    void aValidUrlIsAccepted() {
        assertThat(SlackChannel.webhookUri(" https://hooks.slack.com/services/T0/B0/abc123\n")
                        .getHost())
                .isEqualTo("hooks.slack.com");
    }

    @Test
    void aMalformedUrlIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> SlackChannel.webhookUri("https://hooks.slack.com/services/T0/B0/se cret"))
                .hasMessageContaining("mcpdr.notifier.slack.webhook-url is not a valid URL")
                .hasMessageNotContaining("se cret")
                .hasMessageNotContaining("hooks.slack.com");
        assertThatThrownBy(() -> SlackChannel.webhookUri("se-cret-without-scheme"))
                .hasMessageNotContaining("se-cret");
    }
}
