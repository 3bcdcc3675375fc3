package io.mcpbridge.dr.events.trust;

import io.mcpbridge.dr.events.CloudEventHeaders;
import io.mcpbridge.dr.events.json.EventRecords;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;

/**
 * Checks that a consumed record was signed by a trusted signer ({@link TrustSource}, read at each check, so a
 * revoked key stops working without a restart) and, for commands, that it is fresh: its signed time within
 * {@code maxSkew} of the time the broker appended it. Command topics are created with
 * {@code message.timestamp.type=LogAppendTime}, so that time is the broker's and not the sender's: an old
 * signed record published again carries a new broker time and is refused, however its producer set the
 * record timestamp.
 */
public final class RecordAuthenticator {

    private final TrustSource trust;
    private final Duration maxSkew;

    public RecordAuthenticator(TrustSource trust, Duration maxSkew) {
        this.trust = trust;
        this.maxSkew = maxSkew;
    }

    /** Who signed a record, with the signed time. */
    public record Signed(String signer, String keyId, String id, Instant time) {}

    /**
     * The signature alone: who signed the record, if anyone trusted did.
     *
     * @throws UnauthenticatedRecordException with the reason
     */
    public Signed verify(String topic, String key, Headers headers, byte[] value) {
        // Anyone can write this header: it is shown in reasons and logs only as printable text, and bounded.
        String id = EventRecords.header(headers, CloudEventHeaders.ID)
                .map(RecordAuthenticator::shown)
                .orElse("(no ce_id)");
        String signer = EventRecords.header(headers, CloudEventHeaders.SIGNER).orElse(null);
        String header =
                EventRecords.header(headers, CloudEventHeaders.SIGNATURE).orElse(null);
        if (signer == null || header == null) {
            throw new UnauthenticatedRecordException(
                    id + " is not signed (" + CloudEventHeaders.SIGNER + ", " + CloudEventHeaders.SIGNATURE + ")");
        }
        if (!TrustedSigners.NAME.matcher(signer).matches()) {
            throw new UnauthenticatedRecordException(id + " names a malformed signer");
        }
        if (!header.startsWith(RecordSigner.SCHEME)) {
            throw new UnauthenticatedRecordException(
                    id + " has an unknown signature scheme (expected " + RecordSigner.SCHEME + "...)");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(header.substring(RecordSigner.SCHEME.length()));
        } catch (IllegalArgumentException e) {
            throw new UnauthenticatedRecordException(id + " has a malformed signature");
        }
        String timeText = EventRecords.header(headers, CloudEventHeaders.TIME).orElse(null);
        byte[] fields;
        try {
            fields = SignedFields.of(
                    signer,
                    topic,
                    key,
                    EventRecords.header(headers, CloudEventHeaders.ID).orElse(null),
                    EventRecords.header(headers, CloudEventHeaders.TYPE).orElse(null),
                    timeText,
                    value);
        } catch (IllegalArgumentException e) {
            throw new UnauthenticatedRecordException(id + ": " + e.getMessage());
        }
        var keys = trust.current().keysOf(signer);
        if (keys.isEmpty()) {
            throw new UnauthenticatedRecordException(
                    id + " is signed by '" + signer + "', who is not trusted here (unknown or revoked)");
        }
        Optional<PublicKey> match = keys.stream()
                .filter(candidate -> valid(candidate, fields, signature))
                .findFirst();
        if (match.isEmpty()) {
            throw new UnauthenticatedRecordException(
                    id + " does not verify with any key trusted for '" + signer
                            + "': altered after signing, signed with a revoked key, or its Kafka key differs from the signed one");
        }
        Instant time;
        try {
            time = Instant.parse(timeText);
        } catch (DateTimeParseException e) {
            throw new UnauthenticatedRecordException(id + ": ce_time is not an RFC 3339 time");
        }
        return new Signed(signer, Ed25519Keys.keyId(match.get()), id, time);
    }

    /**
     * The signature and freshness of a command.
     *
     * @param brokerTime    the record's timestamp
     * @param timestampType whether the broker set it; a command topic must be {@code LogAppendTime}
     * @throws UnauthenticatedRecordException with the reason
     */
    public Signed verifyFresh(
            String topic, String key, Headers headers, byte[] value, long brokerTime, TimestampType timestampType) {
        Signed signed = verify(topic, key, headers, value);
        if (timestampType != TimestampType.LOG_APPEND_TIME) {
            throw new UnauthenticatedRecordException(
                    signed.id() + ": " + topic + " is not stamped by the broker; it must "
                            + "be created with message.timestamp.type=LogAppendTime, or replays cannot be told from commands");
        }
        Instant appended = Instant.ofEpochMilli(brokerTime);
        if (signed.time().isBefore(appended.minus(maxSkew)) || signed.time().isAfter(appended.plus(maxSkew))) {
            throw new UnauthenticatedRecordException(
                    signed.id() + " is dated " + signed.time() + " but reached the broker at " + appended
                            + ", outside the accepted " + maxSkew.toSeconds() + " s: refused as a replay");
        }
        return signed;
    }

    private static String shown(String untrusted) {
        String printable = untrusted.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() <= 200 ? printable : printable.substring(0, 200) + "...";
    }

    public Duration maxSkew() {
        return maxSkew;
    }

    private static boolean valid(PublicKey key, byte[] fields, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(Ed25519Keys.ALGORITHM);
            verifier.initVerify(key);
            verifier.update(fields);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
