package io.mcpbridge.dr.notifier.config;

import io.mcpbridge.dr.events.alert.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    Plan plan();

    Email email();

    Statuspage statuspage();

    /**
     * The plan's communication plan: its matrix of audiences and deadlines (the defaults are the plan's, each cell
     * may be changed), the update cadence, and the facts every message names.
     */
    interface Plan {

        /** What differs from the plan, per audience: {@code mcpdr.notifier.plan.audiences.leadership.high=1 hour}. */
        Map<String, AudienceSettings> audiences();

        Updates updates();

        /** Who leads an incident nobody has acknowledged yet. Default "the on-call engineer". */
        @WithDefault("the on-call engineer")
        String onCall();

        /** The conference bridge of incidents, shown in every alert. */
        Optional<String> bridgeUrl();

        /** Where an incident's postmortem is read; {@code {incident}} is replaced by its id. */
        Optional<String> postmortemUrl();

        /** How often deadlines and promised updates are checked. Default 1 s. */
        @WithDefault("1s")
        Duration tick();
    }

    /** One audience of the matrix; anything unset is the plan's. */
    interface AudienceSettings {

        /** The channels that reach it; an empty value means a person must, and the commander is reminded. */
        Optional<List<String>> channels();

        /** Whether automation gets until the deadline to recover before this audience hears. */
        Optional<Boolean> waitForDeadline();

        /** The cell for CRITICAL: Immediate, 15 min, 1 hour, Daily, Weekly, As needed, Not required. */
        Optional<String> critical();

        Optional<String> high();

        Optional<String> medium();

        Optional<String> low();
    }

    /** How often people hear of an open incident when nothing changes; zero: only when something does. */
    interface Updates {

        /** Default 15 min, as the plan's "Next Update: In 15 minutes". */
        @WithDefault("15m")
        Duration critical();

        /** Default 15 min. */
        @WithDefault("15m")
        Duration high();

        /** Default 1 h. */
        @WithDefault("1h")
        Duration medium();

        /** Default none: low-severity incidents are told in digests. */
        @WithDefault("0s")
        Duration low();
    }

    interface Email {

        /** Whether email is sent (SMTP settings are Quarkus's {@code quarkus.mailer.*}). Default false. */
        @WithDefault("false")
        boolean enabled();

        /** The sender address. */
        @WithDefault("mcp-dr@localhost")
        String from();

        /** Recipients per audience: {@code mcpdr.notifier.email.recipients.leadership=cto@example.com,vp@example.com}. */
        Map<String, List<String>> recipients();

        /** At most one message per this interval, across audiences. Default 200 ms. */
        @WithDefault("200ms")
        Duration minInterval();
    }

    interface Statuspage {

        /** Whether the public status page gets incidents. Default false. */
        @WithDefault("false")
        boolean enabled();

        /** The REST API's base URL. Default https://api.statuspage.io/v1. */
        @WithDefault("https://api.statuspage.io/v1")
        URI apiUrl();

        /** The page id. */
        Optional<String> pageId();

        /** The API key: a secret, never logged. */
        Optional<String> apiKey();

        /** MCP Bridge's components on the page: {@code mcpdr.notifier.statuspage.components.gateway=<component id>}. */
        Map<String, String> components();

        /** The public name of MCP Bridge in incident titles. Default "MCP Bridge". */
        @WithDefault("MCP Bridge")
        String serviceName();

        /** Whether the page's subscribers are sent each incident and update. Default true. */
        @WithDefault("true")
        boolean notifySubscribers();

        /** The least time between two requests. Default none: the rate window below paces them. */
        @WithDefault("0s")
        Duration minInterval();

        /** At most this many requests in any {@code rate-window} (the API: one a second over 60 s). Default 60. */
        @WithDefault("60")
        int rateLimit();

        /** The window of {@code rate-limit}. Default 60 s. */
        @WithDefault("60s")
        Duration rateWindow();
    }

    /** Who is paged; what is posted or digested follows the internal audience's cells ({@link Plan}). */
    interface Routing {

        /** Severities that page when an incident opens. Default CRITICAL, HIGH (the plan's flowchart pages High). */
        @WithDefault("CRITICAL,HIGH")
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

        /** The least time between two events. Default none: the rate window below paces them. */
        @WithDefault("0s")
        Duration minInterval();

        /** At most this many events in any {@code rate-window} (PagerDuty: about 120 a minute per key). Default 120. */
        @WithDefault("120")
        int rateLimit();

        /** The window of {@code rate-limit}. Default 60 s. */
        @WithDefault("60s")
        Duration rateWindow();
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
