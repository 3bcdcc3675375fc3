package io.mcpbridge.dr.coordinator.intake;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.incident.RecoveryCommand;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.json.MalformedEventException;
import io.mcpbridge.dr.events.trust.RecordAuthenticator;
import io.mcpbridge.dr.events.trust.ReplayGuard;
import io.mcpbridge.dr.events.trust.UnauthenticatedRecordException;
import java.time.Instant;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;

/**
 * A recovery command that passed every check, the same live and when replayed from the topic at a partition
 * assignment: it parses and is complete, it is signed by a trusted signer and fresh by the broker's time,
 * its Kafka key is its component, and it was not taken before. {@code command.requestedBy()} is the verified
 * signer, whatever the payload said.
 *
 * @param command    the command, with {@code requestedBy} set to the signer
 * @param signedTime its signed {@code ce_time}: what maintenance windows and freshness count from
 */
public record AcceptedCommand(RecoveryCommand command, Instant signedTime) {

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** Where a record stands on its topic and when the broker took it. */
    public record Place(String topic, int partition, long offset, long timestamp, TimestampType timestampType) {

        @Override
        public String toString() {
            return ReplayGuard.place(topic, partition, offset);
        }
    }

    /**
     * @throws MalformedEventException         when the record is not a complete recovery command
     * @throws UnauthenticatedRecordException  when it is not believed (unsigned, a stranger, stale, altered, a replay)
     */
    public static AcceptedCommand check(
            String key,
            byte[] value,
            Headers headers,
            Place place,
            RecordAuthenticator authenticator,
            ReplayGuard replays) {
        EventEnvelope event = EventRecords.fromParts(key, value, headers);
        if (event.type() != EventType.RECOVERY_REQUESTED) {
            throw new MalformedEventException(
                    "unexpected " + event.type().typeName() + " on " + Topics.COMMANDS_RECOVERY);
        }
        RecordAuthenticator.Signed signed =
                authenticator.verifyFresh(place.topic(), key, headers, value, place.timestamp(), place.timestampType());
        RecoveryCommand command = complete((RecoveryCommand) event.payload(), event.id(), key);
        replays.take(event.id(), place.toString(), Instant.ofEpochMilli(place.timestamp()));
        return new AcceptedCommand(command.withRequestedBy(signed.signer()), signed.time());
    }

    /** What every command must have, so nothing downstream meets a null. */
    private static RecoveryCommand complete(RecoveryCommand command, String eventId, String key) {
        if (command.action() == null) {
            throw new MalformedEventException("command " + eventId + " names no action");
        }
        if (command.component() == null
                || !COMPONENT.matcher(command.component()).matches()) {
            throw new MalformedEventException(
                    "command " + eventId + " names no valid component (lower-case letters, " + "digits and '-')");
        }
        if (!command.component().equals(key)) {
            throw new MalformedEventException("command " + eventId + " is for " + command.component() + " but keyed '"
                    + key + "': the key must be the component, so that its owner handles it");
        }
        if (command.id() != null && !command.id().equals(eventId)) {
            throw new MalformedEventException("command id " + command.id() + " differs from its ce_id " + eventId);
        }
        return command;
    }
}
