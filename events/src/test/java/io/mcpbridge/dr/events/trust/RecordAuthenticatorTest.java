package io.mcpbridge.dr.events.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.dr.events.CloudEventHeaders;
import io.mcpbridge.dr.events.testsupport.StepClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordAuthenticatorTest {

    private static final String TOPIC = "mcp-dr.commands.recovery";
    private static final Instant SIGNED_AT = Instant.parse("2026-12-01T03:12:00Z");
    private static final KeyPair ALICE = Ed25519Keys.generate();
    private static final KeyPair ALICE_NEW = Ed25519Keys.generate();
    private static final KeyPair MALLORY = Ed25519Keys.generate();

    private static ProducerRecord<String, byte[]> command(String key, String payload) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(TOPIC, null, key, payload.getBytes(StandardCharsets.UTF_8), new RecordHeaders());
        record.headers().add(CloudEventHeaders.ID, "cmd-1".getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.TYPE, "mcpdr.recovery.requested.v1".getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.TIME, SIGNED_AT.toString().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static ProducerRecord<String, byte[]> signedBy(String name, KeyPair pair) {
        return new RecordSigner(name, pair.getPrivate()).sign(command("gateway", "{\"action\":\"RECOVER\"}"));
    }

    private static RecordAuthenticator trusting(String... lines) {
        return new RecordAuthenticator(
                TrustSource.of(TrustedSigners.parse(String.join("\n", lines), "test")), Duration.ofMinutes(5));
    }

    private static RecordAuthenticator.Signed verify(
            RecordAuthenticator authenticator, ProducerRecord<String, byte[]> record) {
        return authenticator.verify(record.topic(), record.key(), record.headers(), record.value());
    }

    @Test
    void aTrustedSignerIsKnownByName() {
        RecordAuthenticator.Signed signed =
                verify(trusting(TrustedSigners.line("alice", ALICE.getPublic())), signedBy("alice", ALICE));

        assertThat(signed.signer()).isEqualTo("alice");
        assertThat(signed.keyId()).isEqualTo(Ed25519Keys.keyId(ALICE.getPublic()));
        assertThat(signed.time()).isEqualTo(SIGNED_AT);
    }

    @Test
    void anUnsignedRecordIsRefused() {
        assertThatThrownBy(() ->
                        verify(trusting(TrustedSigners.line("alice", ALICE.getPublic())), command("gateway", "{}")))
                .isInstanceOf(UnauthenticatedRecordException.class)
                .hasMessageContaining("is not signed");
    }

    @Test
    void aReasonShowsAnUntrustedIdOnlyAsPrintableText() {
        ProducerRecord<String, byte[]> forged = command("gateway", "{}");
        forged.headers().remove(CloudEventHeaders.ID);
        forged.headers().add(CloudEventHeaders.ID, "cmd-1\nINFO all good".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> verify(trusting(TrustedSigners.line("alice", ALICE.getPublic())), forged))
                .isInstanceOf(UnauthenticatedRecordException.class)
                .hasMessageStartingWith("cmd-1?INFO all good is not signed");
    }

    @Test
    void aStrangerIsRefusedByName() {
        assertThatThrownBy(() ->
                        verify(trusting(TrustedSigners.line("alice", ALICE.getPublic())), signedBy("mallory", MALLORY)))
                .isInstanceOf(UnauthenticatedRecordException.class)
                .hasMessageContaining("'mallory', who is not trusted here");
    }

    @Test
    void anotherKeyUnderATrustedNameIsRefused() {
        assertThatThrownBy(() ->
                        verify(trusting(TrustedSigners.line("alice", ALICE.getPublic())), signedBy("alice", MALLORY)))
                .isInstanceOf(UnauthenticatedRecordException.class)
                .hasMessageContaining("does not verify with any key trusted for 'alice'");
    }

    @Test
    void aChangedPayloadKeyOrTopicBreaksTheSignature() {
        RecordAuthenticator authenticator = trusting(TrustedSigners.line("alice", ALICE.getPublic()));
        ProducerRecord<String, byte[]> signed = signedBy("alice", ALICE);

        assertThatThrownBy(() -> authenticator.verify(
                        TOPIC,
                        signed.key(),
                        signed.headers(),
                        "{\"action\":\"RESTORE\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnauthenticatedRecordException.class);
        assertThatThrownBy(() -> authenticator.verify(TOPIC, "redis", signed.headers(), signed.value()))
                .isInstanceOf(UnauthenticatedRecordException.class);
        assertThatThrownBy(() ->
                        authenticator.verify("mcp-dr.commands.backup", signed.key(), signed.headers(), signed.value()))
                .isInstanceOf(UnauthenticatedRecordException.class);
    }

    @Test
    void duringRotationBothKeysOfASignerAreTrusted() {
        RecordAuthenticator authenticator = trusting(
                TrustedSigners.line("alice", ALICE.getPublic()), TrustedSigners.line("alice", ALICE_NEW.getPublic()));

        assertThat(verify(authenticator, signedBy("alice", ALICE)).keyId())
                .isEqualTo(Ed25519Keys.keyId(ALICE.getPublic()));
        assertThat(verify(authenticator, signedBy("alice", ALICE_NEW)).keyId())
                .isEqualTo(Ed25519Keys.keyId(ALICE_NEW.getPublic()));
    }

    @Test
    void aKeyRemovedFromTheTrustFileIsRevokedWithoutARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("trusted-signers");
        Files.writeString(
                file,
                TrustedSigners.line("alice", ALICE.getPublic()) + "\n"
                        + TrustedSigners.line("alice", ALICE_NEW.getPublic()) + "\n");
        StepClock clock = new StepClock(SIGNED_AT);
        RecordAuthenticator authenticator = new RecordAuthenticator(
                new TrustSource(List.of(), Optional.of(file), Duration.ofSeconds(5), clock, problem -> {}),
                Duration.ofMinutes(5));
        verify(authenticator, signedBy("alice", ALICE));

        Files.writeString(file, TrustedSigners.line("alice", ALICE_NEW.getPublic()) + "\n");
        clock.advance(Duration.ofSeconds(5));

        assertThatThrownBy(() -> verify(authenticator, signedBy("alice", ALICE)))
                .isInstanceOf(UnauthenticatedRecordException.class);
        assertThat(verify(authenticator, signedBy("alice", ALICE_NEW)).signer()).isEqualTo("alice");
    }

    @Test
    void aMissingTrustFileTrustsOnlyTheConfiguredSignersAndSaysSo(@TempDir Path dir) {
        List<String> problems = new CopyOnWriteArrayList<>();
        RecordAuthenticator authenticator = new RecordAuthenticator(
                new TrustSource(
                        List.of(TrustedSigners.line("recovery-coordinator", MALLORY.getPublic())),
                        Optional.of(dir.resolve("absent")),
                        Duration.ofSeconds(5),
                        new StepClock(SIGNED_AT),
                        problems::add),
                Duration.ofMinutes(5));

        assertThatThrownBy(() -> verify(authenticator, signedBy("alice", ALICE)))
                .isInstanceOf(UnauthenticatedRecordException.class);
        assertThat(verify(authenticator, signedBy("recovery-coordinator", MALLORY))
                        .signer())
                .isEqualTo("recovery-coordinator");
        assertThat(problems).singleElement().asString().contains("is missing");
    }

    @Test
    void aBadTrustLineIsLeftOutAloneAndReportedWithoutKeyMaterial() {
        TrustedSigners signers =
                TrustedSigners.parse("""
                # people
                alice ed25519 %s laptop
                bob ed25519 not-a-key
                carol rsa AAAA
                """.formatted(Ed25519Keys.publicText(ALICE.getPublic())), "trust file");

        assertThat(signers.signers()).containsExactly("alice");
        assertThat(signers.problems())
                .hasSize(2)
                .anySatisfy(problem ->
                        assertThat(problem).startsWith("trust file line 3").doesNotContain("not-a-key"))
                .anySatisfy(problem -> assertThat(problem).contains("line 4").contains("only ed25519"));
    }

    @Test
    void aCommandIsFreshOnlyWithinTheSkewOfTheBrokersTime() {
        RecordAuthenticator authenticator = trusting(TrustedSigners.line("alice", ALICE.getPublic()));
        ProducerRecord<String, byte[]> signed = signedBy("alice", ALICE);
        long appendedNow = SIGNED_AT.plusSeconds(2).toEpochMilli();
        long appendedLater = SIGNED_AT.plus(Duration.ofMinutes(6)).toEpochMilli();

        assertThat(authenticator
                        .verifyFresh(
                                TOPIC,
                                signed.key(),
                                signed.headers(),
                                signed.value(),
                                appendedNow,
                                TimestampType.LOG_APPEND_TIME)
                        .signer())
                .isEqualTo("alice");
        assertThatThrownBy(() -> authenticator.verifyFresh(
                        TOPIC,
                        signed.key(),
                        signed.headers(),
                        signed.value(),
                        appendedLater,
                        TimestampType.LOG_APPEND_TIME))
                .isInstanceOf(UnauthenticatedRecordException.class)
                .hasMessageContaining("refused as a replay");
    }

    @Test
    void aCommandOnATopicWithoutBrokerTimeIsRefused() {
        RecordAuthenticator authenticator = trusting(TrustedSigners.line("alice", ALICE.getPublic()));
        ProducerRecord<String, byte[]> signed = signedBy("alice", ALICE);

        assertThatThrownBy(() -> authenticator.verifyFresh(
                        TOPIC,
                        signed.key(),
                        signed.headers(),
                        signed.value(),
                        SIGNED_AT.toEpochMilli(),
                        TimestampType.CREATE_TIME))
                .isInstanceOf(UnauthenticatedRecordException.class)
                .hasMessageContaining("message.timestamp.type=LogAppendTime");
    }

    @Test
    void aSignedTombstoneIsKnownByItsSignerAndCannotBeTurnedIntoARecordWithAValue() {
        RecordAuthenticator authenticator = trusting(TrustedSigners.line("backup-service", ALICE.getPublic()));
        ProducerRecord<String, byte[]> tombstone = new RecordSigner("backup-service", ALICE.getPrivate())
                .sign(new ProducerRecord<>(
                        "mcp-dr.backup.catalog", null, "20261017T091402Z-4be1c0", null, catalogHeaders()));

        assertThat(verify(authenticator, tombstone).signer()).isEqualTo("backup-service");
        assertThatThrownBy(() ->
                        authenticator.verify(tombstone.topic(), tombstone.key(), tombstone.headers(), new byte[0]))
                .as("the same headers over an empty value")
                .isInstanceOf(UnauthenticatedRecordException.class);
    }

    @Test
    void aSignedRecordWhoseValueIsRemovedDoesNotPassForATombstone() {
        RecordAuthenticator authenticator = trusting(TrustedSigners.line("backup-service", ALICE.getPublic()));
        ProducerRecord<String, byte[]> record = new RecordSigner("backup-service", ALICE.getPrivate())
                .sign(new ProducerRecord<>(
                        "mcp-dr.backup.catalog",
                        null,
                        "20261017T091402Z-4be1c0",
                        "{}".getBytes(StandardCharsets.UTF_8),
                        catalogHeaders()));

        assertThatThrownBy(() -> authenticator.verify(record.topic(), record.key(), record.headers(), null))
                .isInstanceOf(UnauthenticatedRecordException.class)
                .hasMessageContaining("does not verify");
    }

    private static RecordHeaders catalogHeaders() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, "catalog-1".getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.TYPE, "mcpdr.backup.cataloged.v1".getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.TIME, SIGNED_AT.toString().getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
