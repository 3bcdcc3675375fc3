package io.mcpbridge.dr.coordinator.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Only commands signed with the shared key, unaltered and recent, are accepted. */
class CommandSignatureTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final byte[] PAYLOAD =
            "{\"action\":\"REVOKE_SESSIONS\",\"component\":\"redis\",\"confirmed\":true}".getBytes(StandardCharsets.UTF_8);

    private final byte[] key = randomKey();
    private final CommandSignature signature = new CommandSignature(key, Duration.ofMinutes(5));

    @Test
    void aSignedCommandIsAccepted() {
        String header = signature.sign("cmd-1", NOW, PAYLOAD);

        assertThat(header).startsWith("v1=").hasSize(3 + 64);
        assertThatCode(() -> signature.verify("cmd-1", NOW, PAYLOAD, header, NOW.plusSeconds(10))).doesNotThrowAnyException();
    }

    @Test
    void aTamperedOrUnsignedCommandIsRefusedWithTheReason() {
        String header = signature.sign("cmd-1", NOW, PAYLOAD);
        byte[] tampered = new String(PAYLOAD, StandardCharsets.UTF_8).replace("redis", "gateway")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> signature.verify("cmd-1", NOW, tampered, header, NOW))
                .isInstanceOf(CommandSignature.UnauthenticatedCommandException.class)
                .hasMessageContaining("wrong signature");
        assertThatThrownBy(() -> signature.verify("cmd-2", NOW, PAYLOAD, header, NOW))
                .as("the id is signed too").hasMessageContaining("wrong signature");
        assertThatThrownBy(() -> signature.verify("cmd-1", NOW, PAYLOAD, null, NOW))
                .hasMessageContaining("not signed");
        assertThatThrownBy(() -> signature.verify("cmd-1", NOW, PAYLOAD, "v1=zz", NOW))
                .hasMessageContaining("malformed");
        assertThatThrownBy(() -> new CommandSignature(randomKey(), Duration.ofMinutes(5))
                .verify("cmd-1", NOW, PAYLOAD, header, NOW))
                .as("another key").hasMessageContaining("wrong signature").hasMessageNotContaining(header.substring(3));
    }

    @Test
    void anOldCommandIsRefusedAsAPossibleReplay() {
        Instant old = NOW.minus(Duration.ofMinutes(30));
        String header = signature.sign("cmd-1", old, PAYLOAD);

        assertThatThrownBy(() -> signature.verify("cmd-1", old, PAYLOAD, header, NOW))
                .hasMessageContaining("possible replay");
    }

    @Test
    void shortKeysAreRefused() {
        assertThatThrownBy(() -> new CommandSignature(new byte[16], Duration.ofMinutes(5)))
                .hasMessageContaining("at least 32 bytes");
        assertThat(signature.toString()).doesNotContain(java.util.HexFormat.of().formatHex(key));
    }

    private static byte[] randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
