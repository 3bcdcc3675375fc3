package io.mcpbridge.dr.events.trust;

import io.mcpbridge.dr.events.CloudEventHeaders;
import io.mcpbridge.dr.events.json.EventRecords;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Signs records as one signer with its own Ed25519 private key: an engineer (drctl), or a service that sends
 * commands or results. Adds {@value CloudEventHeaders#SIGNER} (the name) and {@value CloudEventHeaders#SIGNATURE}
 * ({@code ed25519=<base64>}) over {@link SignedFields}. The key never leaves this object.
 */
public final class RecordSigner {

    static final String SCHEME = "ed25519=";

    private final String name;
    private final PrivateKey key;

    public RecordSigner(String name, PrivateKey key) {
        if (!TrustedSigners.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("signer name must match " + TrustedSigners.NAME.pattern());
        }
        this.name = name;
        this.key = key;
    }

    public String name() {
        return name;
    }

    /**
     * Adds the signature headers to a record made by {@link EventRecords#toRecord}; any earlier signature
     * headers are replaced.
     */
    public ProducerRecord<String, byte[]> sign(ProducerRecord<String, byte[]> record) {
        Headers headers = record.headers();
        byte[] fields = SignedFields.of(
                name,
                record.topic(),
                record.key(),
                EventRecords.header(headers, CloudEventHeaders.ID).orElse(null),
                EventRecords.header(headers, CloudEventHeaders.TYPE).orElse(null),
                EventRecords.header(headers, CloudEventHeaders.TIME).orElse(null),
                record.value());
        headers.remove(CloudEventHeaders.SIGNER);
        headers.remove(CloudEventHeaders.SIGNATURE);
        headers.add(CloudEventHeaders.SIGNER, name.getBytes(StandardCharsets.UTF_8));
        headers.add(
                CloudEventHeaders.SIGNATURE,
                (SCHEME + Base64.getEncoder().encodeToString(signature(fields))).getBytes(StandardCharsets.UTF_8));
        return record;
    }

    byte[] signature(byte[] fields) {
        try {
            Signature signature = Signature.getInstance(Ed25519Keys.ALGORITHM);
            signature.initSign(key);
            signature.update(fields);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Ed25519 signing failed: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public String toString() {
        return "RecordSigner[" + name + "]";
    }
}
