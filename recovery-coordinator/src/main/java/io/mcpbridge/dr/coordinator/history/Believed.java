package io.mcpbridge.dr.coordinator.history;

import io.mcpbridge.dr.events.trust.RecordAuthenticator;
import io.mcpbridge.dr.events.trust.UnauthenticatedRecordException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Which records of a signed topic count: those signed by {@code signer} (backup-service) as the authenticator
 * checks it, tombstones included; {@code refused} is told of every other, and it is logged with the reason.
 */
public record Believed(RecordAuthenticator authenticator, String signer, Runnable refused) {

    private static final Logger LOG = Logger.getLogger(Believed.class);

    /** Whether the record is signed by the signer; when it is not, it is counted, logged and to be ignored. */
    public boolean believes(ConsumerRecord<String, byte[]> record) {
        try {
            RecordAuthenticator.Signed signed =
                    authenticator.verify(record.topic(), record.key(), record.headers(), record.value());
            if (!signed.signer().equals(signer)) {
                throw new UnauthenticatedRecordException(
                        signed.id() + " is signed by '" + signed.signer() + "', not by " + signer);
            }
            return true;
        } catch (UnauthenticatedRecordException e) {
            refused.run();
            LOG.warnf(
                    "record at %s-%d@%d ignored: %s",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            return false;
        }
    }
}
