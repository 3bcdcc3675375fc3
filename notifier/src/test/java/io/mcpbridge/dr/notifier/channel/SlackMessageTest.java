package io.mcpbridge.dr.notifier.channel;

import static io.mcpbridge.dr.notifier.support.Notifications.notification;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.dr.events.notify.NotificationLink;
import io.mcpbridge.dr.notifier.support.Notifications;
import io.mcpbridge.dr.notifier.template.NotificationView;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Slack messages stay within Block Kit's limits whatever the notification holds (specs/slack-webhook.md). */
class SlackMessageTest {

    @Test
    void hugeSummaryAndThirtyFieldsFitEveryLimitWithVisibleCuts() {
        Notifications builder = notification()
                .summary("x".repeat(10_000))
                .links(IntStream.range(0, 40)
                        .mapToObj(i ->
                                new NotificationLink("Link " + i + " " + "y".repeat(100), "https://example.com/" + i))
                        .toList());
        IntStream.range(0, 30).forEach(i -> builder.detail("Field " + i, "v".repeat(2500)));
        NotificationView view = new NotificationView(builder.build());

        ObjectNode message = SlackMessage.message(view, "z".repeat(50_000));

        assertThat(message.get("text").asText()).hasSizeLessThanOrEqualTo(3000).endsWith(TextLimits.CUT);
        JsonNode blocks = message.get("blocks");
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        int fields = 0;
        for (JsonNode block : blocks) {
            switch (block.get("type").asText()) {
                case "header" -> {
                    assertThat(block.at("/text/type").asText()).isEqualTo("plain_text");
                    assertThat(block.at("/text/text").asText()).hasSizeLessThanOrEqualTo(150);
                }
                case "section" -> {
                    if (block.has("text")) {
                        assertThat(block.at("/text/text").asText())
                                .hasSizeLessThanOrEqualTo(3000)
                                .endsWith(TextLimits.CUT);
                    }
                    if (block.has("fields")) {
                        assertThat(block.get("fields").size()).isLessThanOrEqualTo(10);
                        block.get("fields")
                                .forEach(f -> assertThat(f.get("text").asText()).hasSizeLessThanOrEqualTo(2000));
                        fields += block.get("fields").size();
                    }
                }
                case "actions" -> {
                    assertThat(block.get("elements").size()).isLessThanOrEqualTo(25);
                    block.get("elements")
                            .forEach(
                                    b -> assertThat(b.at("/text/text").asText()).hasSizeLessThanOrEqualTo(75));
                }
                case "context" ->
                    assertThat(block.at("/elements/0/text").asText()).contains(view.incidentId());
                default -> throw new AssertionError("unexpected block " + block);
            }
        }
        assertThat(fields)
                .as("the plan's fields and all thirty details")
                .isEqualTo(view.fields().size())
                .isGreaterThanOrEqualTo(30);
    }

    @Test
    void slackControlCharactersFromAlertsAreEscaped() {
        NotificationView view = new NotificationView(
                notification().summary("<!channel> & <http://evil|docs>").build());

        String text = SlackMessage.message(view, "plain").toString();

        assertThat(text)
                .contains("&lt;!channel&gt; &amp; &lt;http://evil|docs&gt;")
                .doesNotContain("<!channel>");
    }

    @Test
    void missingValuesShowAsUnknown() {
        NotificationView view = new NotificationView(notification().sparse().build());

        ObjectNode message = SlackMessage.message(view, "text");

        assertThat(message.toString()).contains("*Customer Impact*\\nunknown").doesNotContain("null");
    }
}
