package io.mcpbridge.dr.events.trust;

import io.mcpbridge.dr.events.CloudEventHeaders;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.kafka.TopicReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Fills a {@link ReplayGuard} from a command topic itself, so a consumer that starts or is given partitions
 * knows which commands were taken before, for as long as a copy of one could still pass the freshness check.
 * Only records that would be believed live count (signed by a trusted signer, fresh by the broker's time).
 */
public final class ReplayHistory {

    private ReplayHistory() {}

    /**
     * @param partitions which partitions of the topic to read (those the consumer was given)
     * @return how many commands were noted
     * @throws IllegalStateException when the topic cannot be read to its end within {@code timeout}
     */
    public static int rebuild(
            Map<String, Object> kafkaConfig,
            String topic,
            IntPredicate partitions,
            RecordAuthenticator authenticator,
            ReplayGuard guard,
            Clock clock,
            Duration timeout) {
        int[] noted = {0};
        Instant since = clock.instant().minus(authenticator.maxSkew().multipliedBy(2));
        TopicReader.readToEnd(kafkaConfig, topic, Optional.of(since), timeout, record -> {
            if (partitions.test(record.partition()) && believed(record, authenticator)) {
                guard.admit(
                        idOf(record),
                        ReplayGuard.place(record.topic(), record.partition(), record.offset()),
                        Instant.ofEpochMilli(record.timestamp()));
                noted[0]++;
            }
        });
        return noted[0];
    }

    private static String idOf(ConsumerRecord<String, byte[]> record) {
        return EventRecords.header(record.headers(), CloudEventHeaders.ID).orElse("");
    }

    private static boolean believed(ConsumerRecord<String, byte[]> record, RecordAuthenticator authenticator) {
        if (record.value() == null) {
            return false;
        }
        try {
            authenticator.verifyFresh(
                    record.topic(),
                    record.key(),
                    record.headers(),
                    record.value(),
                    record.timestamp(),
                    record.timestampType());
            return true;
        } catch (UnauthenticatedRecordException e) {
            return false;
        }
    }
}
