package io.mcpbridge.dr.notifier.config;

import io.mcpbridge.dr.events.alert.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Everything the notifier can be told. Secrets (webhook URL, routing key) come from the environment or a Secret. */
@ConfigMapping(prefix = "mcpdr.notifier")
public interface NotifierConfig {

    Slack slack();

    PagerDuty pagerduty();

    Console console();

    Delivery delivery();

    Digest digest();

    Routing routing();

    /** The communication matrix; the defaults are the plan's. */
    interface Routing {

        /** Severities posted to Slack at once. Default CRITICAL, HIGH, MEDIUM. */
        @WithDefault("CRITICAL,HIGH,MEDIUM")
        Set<Severity> post();

        /** Severities that go into the Slack digest instead. Default LOW. */
        @WithDefault("LOW")
        Set<Severity> digest();

        /** Severities that page when an incident opens. Default CRITICAL. */
        @WithDefault("CRITICAL")
        Set<Severity> pageOnOpen();

        /** Severities that page when an incident is escalated to a human. Default CRITICAL, HIGH. */
        @WithDefault("CRITICAL,HIGH")
        Set<Severity> pageOnEscalation();
    }

    interface Digest {

        /** How often LOW-severity notifications are sent to Slack, together, as one digest. Default 24 h. */
        @WithDefault("24h")
        Duration interval();
    }

    interface Slack {

        /** Whether Slack gets notifications; on, it needs a webhook URL or a bot token and channel. Default false. */
        @WithDefault("false")
        boolean enabled();

        /** The incoming webhook URL: a secret, never logged; text, so a malformed one is never quoted in an error. */
        Optional<String> webhookUrl();

        /** At most one message per this interval (Slack allows about one a second per webhook). Default 1 s. */
        @WithDefault("1s")
        Duration minInterval();

        /**
         * A bot token ({@code xoxb-...}): a secret. With it (and {@code channel}), messages go through
         * {@code chat.postMessage} and an incident's updates and resolution thread under its first message.
         */
        Optional<String> botToken();

        /** The channel id bot-token mode posts to. */
        Optional<String> channel();

        /** Slack's Web API base URL. Default https://slack.com/api. */
        @WithDefault("https://slack.com/api")
        URI apiUrl();
    }

    interface PagerDuty {

        /** Whether PagerDuty gets events; on, it needs a routing key. Default false. */
        @WithDefault("false")
        boolean enabled();

        /** Events API v2 base URL. Default https://events.pagerduty.com. */
        @WithDefault("https://events.pagerduty.com")
        URI baseUrl();

        /** The 32-character integration key: a secret, never logged. */
        Optional<String> routingKey();

        /** At most one event per this interval (PagerDuty allows about 120 a minute per key). Default 500 ms. */
        @WithDefault("500ms")
        Duration minInterval();
    }

    interface Console {

        /** Whether notifications are printed to the log (the local default). Default true. */
        @WithDefault("true")
        boolean enabled();
    }

    interface Delivery {

        /** Tries per (notification, channel) before it goes to the dead letter topic. Default 8. */
        @WithDefault("8")
        int maxAttempts();

        /** First retry delay; the cap doubles each try, the delay is drawn between half this and the cap. Default 1 s. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** Longest retry delay, and the longest a peer's Retry-After may hold the channel. Default 60 s. */
        @WithDefault("60s")
        Duration maxBackoff();

        /** How long one HTTP request may take. Default 10 s. */
        @WithDefault("10s")
        Duration requestTimeout();
    }
}
