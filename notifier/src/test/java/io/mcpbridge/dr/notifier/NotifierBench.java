package io.mcpbridge.dr.notifier;

import static io.mcpbridge.dr.notifier.support.Notifications.notification;

import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.notifier.support.Notifications;
import io.mcpbridge.dr.notifier.support.NotifierProcess;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.ServiceProcess;
import io.mcpbridge.dr.testing.TestEvents;
import io.mcpbridge.dr.testing.stub.PagerDutyStub;
import io.mcpbridge.dr.testing.stub.RecordedRequest;
import io.mcpbridge.dr.testing.stub.SlackWebhookStub;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (run with {@code -Pbench}): the packaged notifier between a real broker and the
 * Slack stub. Prints (1) the latency from a request published on Kafka to the stub receiving the message,
 * on a healthy, unthrottled channel, and (2) how long a storm of 1,000 requests for 10 incidents takes to
 * drain at a given Slack interval.
 */
class NotifierBench {

    private static final Pattern NOTIFICATION_ID = Pattern.compile("notification ([0-9a-f-]{36})");
    private static final int LATENCY_SAMPLES = Integer.getInteger("bench.samples", 500);
    private static final Duration STORM_INTERVAL =
            Duration.parse(System.getProperty("bench.storm.interval", "PT0.02S"));

    @Test
    void latencyAndStormDrain() throws Exception {
        try (KafkaBroker broker = KafkaBroker.startDedicated();
                SlackWebhookStub slack = SlackWebhookStub.start();
                TestEvents events = new TestEvents(broker.bootstrapServers())) {
            System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cpus, java "
                    + System.getProperty("java.version"));

            try (ServiceProcess notifier =
                    NotifierProcess.start("notifier-bench-latency", settings(broker, slack, Duration.ZERO))) {
                warmUp(events, slack);
                Map<String, Instant> published = new HashMap<>();
                for (int i = 0; i < LATENCY_SAMPLES; i++) {
                    NotificationRequest request = request("latency", i, NotificationKind.INCIDENT_UPDATED);
                    published.put(request.id(), Instant.now());
                    publish(events, request);
                    LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // a steady trickle, not a burst
                }
                awaitDelivered(slack, "latency-", LATENCY_SAMPLES, Duration.ofMinutes(2));
                List<Long> micros = new ArrayList<>();
                for (RecordedRequest r : slack.accepted()) {
                    Matcher m = NOTIFICATION_ID.matcher(r.body());
                    if (m.find() && published.containsKey(m.group(1))) {
                        micros.add(Duration.between(published.get(m.group(1)), r.receivedAt())
                                        .toNanos()
                                / 1000);
                    }
                }
                micros.sort(Long::compare);
                System.out.printf(
                        "latency Kafka -> Slack stub, %d requests every 20 ms: p50 %.1f ms, p99 %.1f ms,"
                                + " max %.1f ms%n",
                        micros.size(), pct(micros, 50), pct(micros, 99), micros.get(micros.size() - 1) / 1000.0);
                notifier.stop();
            }

            slack.clear();
            try (ServiceProcess notifier =
                    NotifierProcess.start("notifier-bench-storm", settings(broker, slack, STORM_INTERVAL))) {
                warmUp(events, slack);
                slack.clear();
                Instant start = Instant.now();
                for (int update = 0; update < 100; update++) {
                    for (int incident = 0; incident < 10; incident++) {
                        publish(
                                events,
                                notification()
                                        .id(UUID.randomUUID().toString())
                                        .incident("storm-" + incident)
                                        .severity(Severity.CRITICAL)
                                        .kind(
                                                update == 0
                                                        ? NotificationKind.INCIDENT_OPENED
                                                        : NotificationKind.INCIDENT_UPDATED)
                                        .summary("storm update " + update)
                                        .build());
                    }
                }
                Duration published = Duration.between(start, Instant.now());
                awaitDelivered(slack, "storm-", 1000, Duration.ofMinutes(30));
                Duration drained = Duration.between(
                        start, slack.accepted().get(slack.accepted().size() - 1).receivedAt());
                System.out.printf(
                        "storm of 1000 for 10 incidents, Slack interval %d ms: published in %.1f s,"
                                + " drained in %.1f s (floor %.1f s), max %d messages in any 1 s%n",
                        STORM_INTERVAL.toMillis(),
                        published.toMillis() / 1000.0,
                        drained.toMillis() / 1000.0,
                        1000 * STORM_INTERVAL.toMillis() / 1000.0,
                        slack.maxRequestsInAnyWindow(Duration.ofSeconds(1)));
                notifier.stop();
            }
        }
    }

    /**
     * Pages in a burst: 20 CRITICAL incidents one second apart, each second also a re-trigger (an escalation), a
     * resolve of the previous incident and two change events (backups, drills): how long from each incident's
     * request to its page at PagerDuty. Once with a fixed 500 ms pause after every event (the pacing this
     * notifier had), once with the Events API's documented window (120 a minute per key, the default).
     */
    @Test
    void pagesInABurst() throws Exception {
        for (String pacing : List.of("fixed 500 ms pause", "120 a minute window")) {
            // A broker of its own per run: what one run left queued must not join the next one's burst.
            try (KafkaBroker broker = KafkaBroker.startDedicated();
                    SlackWebhookStub slack = SlackWebhookStub.start();
                    PagerDutyStub pagerDuty = PagerDutyStub.start();
                    TestEvents events = new TestEvents(broker.bootstrapServers())) {
                Map<String, String> settings = new HashMap<>(settings(broker, slack, Duration.ZERO));
                settings.put("mcpdr.notifier.pagerduty.enabled", "true");
                settings.put("mcpdr.notifier.pagerduty.base-url", pagerDuty.baseUrl());
                settings.put("mcpdr.notifier.pagerduty.routing-key", "R0UT1NGKEYR0UT1NGKEYR0UT1NGKEY32");
                if (pacing.startsWith("fixed")) {
                    settings.put("mcpdr.notifier.pagerduty.min-interval", "500ms");
                    settings.put("mcpdr.notifier.pagerduty.rate-limit", "0");
                }
                pagerDuty.clear();
                String run = "burst-" + System.nanoTime();
                try (ServiceProcess notifier = NotifierProcess.start("notifier-bench-pages", settings)) {
                    warmUp(events, slack);
                    Map<String, Instant> requested = new HashMap<>();
                    for (int i = 0; i < 20; i++) {
                        String incident = run + "-" + i;
                        requested.put(incident, Instant.now());
                        publish(events, critical(incident, i, NotificationKind.INCIDENT_OPENED));
                        if (i > 0) {
                            publish(events, critical(run + "-" + (i - 1), i, NotificationKind.INCIDENT_ESCALATED));
                            publish(events, critical(run + "-" + (i - 1), i, NotificationKind.INCIDENT_RESOLVED));
                        }
                        for (int c = 0; c < 2; c++) {
                            publish(events, critical(run + "-ops-" + i + "-" + c, i, NotificationKind.BACKUP_FAILED));
                        }
                        LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
                    }
                    Awaitility.await("every page")
                            .atMost(Duration.ofMinutes(3))
                            .until(() -> requested.keySet().stream()
                                    .allMatch(incident -> triggeredAt(pagerDuty, incident) != null));
                    List<Long> millis = requested.entrySet().stream()
                            .map(e -> Duration.between(e.getValue(), triggeredAt(pagerDuty, e.getKey()))
                                    .toMillis())
                            .sorted()
                            .toList();
                    System.out.printf(
                            "pages in a burst (%s): 20 CRITICAL incidents 1 s apart with %d other events,"
                                    + " request to page min %d ms, median %d ms, max %d ms%n",
                            pacing, pagerDuty.requests().size() - 20, millis.get(0), millis.get(10), millis.get(19));
                    notifier.stop();
                }
            }
        }
    }

    private static Instant triggeredAt(PagerDutyStub pagerDuty, String incident) {
        return pagerDuty.accepted().stream()
                .filter(r -> r.json().path("dedup_key").asText().equals(incident)
                        && r.json().path("event_action").asText().equals("trigger"))
                .map(RecordedRequest::receivedAt)
                .findFirst()
                .orElse(null);
    }

    private static NotificationRequest critical(String incident, int i, NotificationKind kind) {
        return notification()
                .id(incident + ":" + kind + ":" + i)
                .incident(incident)
                .severity(Severity.CRITICAL)
                .kind(kind)
                .summary("burst " + i)
                .build();
    }

    private static Map<String, String> settings(KafkaBroker broker, SlackWebhookStub slack, Duration interval) {
        return Map.of(
                "kafka.bootstrap.servers",
                broker.bootstrapServers(),
                "mcpdr.notifier.slack.enabled",
                "true",
                "mcpdr.notifier.slack.webhook-url",
                slack.webhookUrl(),
                "mcpdr.notifier.slack.min-interval",
                interval.toMillis() + "ms",
                "mcpdr.notifier.console.enabled",
                "false",
                "quarkus.log.level",
                "WARN");
    }

    private static void warmUp(TestEvents events, SlackWebhookStub slack) {
        for (int i = 0; i < 50; i++) {
            publish(events, request("warmup", i, NotificationKind.INCIDENT_UPDATED));
        }
        awaitDelivered(slack, "warmup-", 50, Duration.ofMinutes(2));
    }

    private static NotificationRequest request(String prefix, int i, NotificationKind kind) {
        return notification()
                .id(UUID.randomUUID().toString())
                .incident(prefix + "-" + i)
                .severity(Severity.MEDIUM)
                .kind(kind)
                .summary(prefix + " " + i)
                .build();
    }

    private static void publish(TestEvents events, NotificationRequest request) {
        events.publish(Notifications.envelope(request));
    }

    private static void awaitDelivered(SlackWebhookStub slack, String marker, int count, Duration atMost) {
        Awaitility.await(count + " " + marker)
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> slack.accepted().stream()
                                .filter(r -> r.body().contains(marker))
                                .count()
                        >= count);
    }

    private static double pct(List<Long> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1000.0;
    }
}
