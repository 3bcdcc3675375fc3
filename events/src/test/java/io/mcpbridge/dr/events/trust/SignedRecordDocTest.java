package io.mcpbridge.dr.events.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.CloudEventHeaders;
import io.mcpbridge.dr.events.json.EventRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worked example of docs/events.md ("Signed records") is what the code computes, byte for byte. */
class SignedRecordDocTest {

    private static String doc;

    @BeforeAll
    static void readDoc() throws IOException {
        doc = Files.readString(Path.of("..", "docs", "events.md"));
    }

    private static String block(String info) {
        Matcher matcher = Pattern.compile("^```" + info + "\\n(.*?)^```$", Pattern.MULTILINE | Pattern.DOTALL)
                .matcher(doc);
        assertThat(matcher.find()).as("docs/events.md has a ```%s block", info).isTrue();
        return matcher.group(1);
    }

    private static String header(String name) {
        Matcher matcher =
                Pattern.compile("^" + name + ": (.*)$", Pattern.MULTILINE).matcher(block("headers"));
        assertThat(matcher.find()).as("header %s in the example", name).isTrue();
        return matcher.group(1);
    }

    private static ProducerRecord<String, byte[]> exampleRecord() {
        byte[] payload = block("payload").strip().getBytes(StandardCharsets.UTF_8);
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>("mcp-dr.commands.recovery", null, "gateway", payload, new RecordHeaders());
        record.headers().add(CloudEventHeaders.ID, "cmd-7f3a".getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.TYPE, "mcpdr.recovery.requested.v1".getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.TIME, "2026-12-01T03:12:00Z".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    @Test
    void theSignedBytesAreTheDocumentedOnes() {
        ProducerRecord<String, byte[]> record = exampleRecord();

        byte[] fields = SignedFields.of(
                "alice",
                record.topic(),
                record.key(),
                "cmd-7f3a",
                "mcpdr.recovery.requested.v1",
                "2026-12-01T03:12:00Z",
                record.value());

        assertThat(new String(fields, StandardCharsets.UTF_8)).isEqualTo(block("signed"));
    }

    @Test
    void signingWithTheDocumentedKeyGivesTheDocumentedHeaders() {
        RecordSigner alice = new RecordSigner("alice", Ed25519Keys.parsePrivate(block("pem")));

        ProducerRecord<String, byte[]> signed = alice.sign(exampleRecord());

        assertThat(EventRecords.header(signed.headers(), CloudEventHeaders.SIGNER))
                .contains(header("mcpdr-signer"));
        assertThat(EventRecords.header(signed.headers(), CloudEventHeaders.SIGNATURE))
                .contains(header("mcpdr-signature"));
    }

    @Test
    void theDocumentedTrustLineVerifiesTheDocumentedSignature() {
        ProducerRecord<String, byte[]> record = exampleRecord();
        record.headers().add(CloudEventHeaders.SIGNER, header("mcpdr-signer").getBytes(StandardCharsets.UTF_8));
        record.headers()
                .add(CloudEventHeaders.SIGNATURE, header("mcpdr-signature").getBytes(StandardCharsets.UTF_8));
        RecordAuthenticator authenticator = new RecordAuthenticator(
                TrustSource.of(TrustedSigners.parse(block("trust"), "doc")), Duration.ofMinutes(5));

        RecordAuthenticator.Signed signed =
                authenticator.verify(record.topic(), record.key(), record.headers(), record.value());

        assertThat(signed.signer()).isEqualTo("alice");
    }
}
