package io.mcpbridge.dr.notifier.support;

import io.mcpbridge.dr.testing.stub.PagerDutyStub;
import io.mcpbridge.dr.testing.stub.SlackWebhookStub;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Local Slack and PagerDuty stubs that check every request against the specs, with the notifier pointed at
 * them and timings shortened (rate limits and backoff in milliseconds) so tests run in seconds.
 */
public class ChannelStubsResource implements QuarkusTestResourceLifecycleManager {

    /** A syntactically valid 32-character integration key; a secret as far as the notifier knows. */
    public static final String ROUTING_KEY = "R0UT1NGKEYR0UT1NGKEYR0UT1NGKEY32";

    /** Init argument: the channels' minimum interval between messages (default 100 ms for Slack). */
    public static final String MIN_INTERVAL = "min-interval";

    /** Init argument: "true" puts Slack in bot-token mode (chat.postMessage, threads). */
    public static final String BOT_MODE = "bot-mode";
    /** The bot token in bot-token mode; a secret as far as the notifier knows. */
    public static final String BOT_TOKEN = "xoxb-0000-test-token";

    private static volatile SlackWebhookStub slack;
    private boolean botMode;
    private String slackInterval = "100ms";
    private String pagerDutyInterval = "50ms";
    private static volatile PagerDutyStub pagerDuty;

    public static SlackWebhookStub slack() {
        return slack;
    }

    public static PagerDutyStub pagerDuty() {
        return pagerDuty;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        botMode = Boolean.parseBoolean(initArgs.getOrDefault(BOT_MODE, "false"));
        if (initArgs.containsKey(MIN_INTERVAL)) {
            slackInterval = initArgs.get(MIN_INTERVAL);
            pagerDutyInterval = initArgs.get(MIN_INTERVAL);
        }
    }

    @Override
    public Map<String, String> start() {
        slack = SlackWebhookStub.start();
        pagerDuty = PagerDutyStub.start();
        Map<String, String> config = new HashMap<>(Map.ofEntries(
                Map.entry("mcpdr.notifier.slack.enabled", "true"),
                Map.entry("mcpdr.notifier.slack.webhook-url", slack.webhookUrl()),
                Map.entry("mcpdr.notifier.slack.min-interval", slackInterval),
                Map.entry("mcpdr.notifier.pagerduty.enabled", "true"),
                Map.entry("mcpdr.notifier.pagerduty.base-url", pagerDuty.baseUrl()),
                Map.entry("mcpdr.notifier.pagerduty.routing-key", ROUTING_KEY),
                Map.entry("mcpdr.notifier.pagerduty.min-interval", pagerDutyInterval),
                Map.entry("mcpdr.notifier.delivery.initial-backoff", "100ms"),
                Map.entry("mcpdr.notifier.delivery.max-backoff", "5s"),
                Map.entry("mcpdr.notifier.delivery.max-attempts", "5"),
                Map.entry("mcpdr.notifier.delivery.request-timeout", "2s"),
                Map.entry("mcpdr.notifier.digest.interval", "2s")));
        if (botMode) {
            config.put("mcpdr.notifier.slack.bot-token", BOT_TOKEN);
            config.put("mcpdr.notifier.slack.channel", "C0INCIDENTS");
            config.put("mcpdr.notifier.slack.api-url", slack.baseUrl() + "/api");
        }
        return config;
    }

    @Override
    public void stop() {
        if (slack != null) {
            slack.close();
        }
        if (pagerDuty != null) {
            pagerDuty.close();
        }
    }
}
