package io.mcpbridge.dr.notifier.support;

import io.mcpbridge.dr.testing.stub.PagerDutyStub;
import io.mcpbridge.dr.testing.stub.SlackWebhookStub;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
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

    private static volatile SlackWebhookStub slack;
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
        if (initArgs.containsKey(MIN_INTERVAL)) {
            slackInterval = initArgs.get(MIN_INTERVAL);
            pagerDutyInterval = initArgs.get(MIN_INTERVAL);
        }
    }

    @Override
    public Map<String, String> start() {
        slack = SlackWebhookStub.start();
        pagerDuty = PagerDutyStub.start();
        return Map.ofEntries(
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
                Map.entry("mcpdr.notifier.digest.interval", "2s"));
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
