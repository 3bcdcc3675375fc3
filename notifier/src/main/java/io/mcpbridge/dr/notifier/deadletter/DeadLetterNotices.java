package io.mcpbridge.dr.notifier.deadletter;

import io.mcpbridge.dr.events.CloudEventHeaders;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.notifier.tracking.CommunicationTracker;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Follows {@code mcp-dr.dlq}: every record a service refused reaches people as a low-severity notice in the
 * daily digest (which topic, which service, why; never the record's content, which may be a forged command). It
 * never pages and never writes to the dead letter topic itself, so a notice that cannot be delivered is logged and
 * cannot loop.
 */
@ApplicationScoped
public class DeadLetterNotices {

    private static final Logger LOG = Logger.getLogger(DeadLetterNotices.class);
    static final String CHANNEL = "dead-letters";

    private final CommunicationTracker tracker;
    private final Clock clock;

    public DeadLetterNotices(CommunicationTracker tracker, Clock clock) {
        this.tracker = tracker;
        this.clock = clock;
    }

    @Incoming(CHANNEL)
    @SuppressWarnings("unchecked")
    public CompletionStage<Void> receive(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<String, byte[]> metadata =
                message.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
        if (metadata == null) {
            return message.ack();
        }
        NotificationRequest notice = noticeOf(metadata, clock.instant());
        tracker.notice(notice).whenComplete((failures, error) -> {
            if (error != null || !failures.isEmpty()) {
                LOG.warnf("dead letter notice %s not delivered: %s", notice.id(), error != null ? error : failures);
            }
            message.ack();
        });
        return CompletableFuture.completedFuture(null);
    }

    static NotificationRequest noticeOf(IncomingKafkaRecordMetadata<String, byte[]> record, Instant now) {
        Headers headers = record.getHeaders();
        String topic = header(headers, CloudEventHeaders.DLQ_TOPIC, "an unnamed topic");
        String service = header(headers, CloudEventHeaders.DLQ_SERVICE, "a service");
        String reason = header(headers, CloudEventHeaders.DLQ_REASON, "no reason given");
        Map<String, String> details = new LinkedHashMap<>();
        details.put("Topic", topic);
        details.put("Refused by", service);
        details.put("Reason", reason);
        details.put("Dead letter", Topics.DLQ + "-" + record.getPartition() + "@" + record.getOffset());
        return NotificationRequest.notice(
                "dead-letter:" + record.getPartition() + ":" + record.getOffset(),
                "dead-letters",
                NotificationKind.ATTENTION,
                Severity.LOW,
                "dead-letters",
                "A record on " + topic + " was refused by " + service + ": " + reason + ". drctl dlq lists them.",
                "None",
                "Refused",
                details,
                record.getTimestamp(),
                now);
    }

    private static String header(Headers headers, String name, String otherwise) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return otherwise;
        }
        String value = new String(header.value(), StandardCharsets.UTF_8).strip();
        return value.isEmpty() ? otherwise : value.length() > 300 ? value.substring(0, 300) + "…" : value;
    }
}
