package io.mcpbridge.dr.testing;

import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.trust.RecordAuthenticator;
import io.mcpbridge.dr.events.trust.RecordSigner;
import io.mcpbridge.dr.events.trust.TrustSource;
import io.mcpbridge.dr.events.trust.TrustedSigners;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signers of the tests: {@value #ENGINEER} (an engineer with drctl), the two services that send signed
 * records, and {@value #STRANGER}, whom no service trusts. Their keys are derived from their names, so every
 * class loader (a Quarkus test profile's, the test's own, a service started as a process) has the same ones.
 * Test keys only: known to anyone who reads this file.
 */
public final class TestSigners {

    public static final String ENGINEER = "alice";
    public static final String COORDINATOR = "recovery-coordinator";
    public static final String BACKUP_SERVICE = "backup-service";
    public static final String STRANGER = "mallory";

    private static final Map<String, KeyPair> KEYS = new LinkedHashMap<>();

    static {
        for (String name : List.of(ENGINEER, COORDINATOR, BACKUP_SERVICE, STRANGER)) {
            KEYS.put(name, derived(name));
        }
    }

    private TestSigners() {}

    public static RecordSigner signer(String name) {
        return new RecordSigner(name, pair(name).getPrivate());
    }

    /** The signer a test publishes as by default on a signed topic: an engineer, or backup-service for results. */
    public static RecordSigner defaultFor(String topic) {
        return signer(Topics.BACKUP_RESULTS.equals(topic) ? BACKUP_SERVICE : ENGINEER);
    }

    /** The private key as a service's {@code trust.signing.key} setting takes it (PKCS#8, base64). */
    public static String privateKey(String name) {
        return Base64.getEncoder().encodeToString(pair(name).getPrivate().getEncoded());
    }

    /** The trust line for one signer. */
    /** An authenticator that believes these signers, as a service configured to trust them would (5 min skew). */
    public static RecordAuthenticator authenticatorTrusting(String... names) {
        List<String> lines = new ArrayList<>();
        for (String name : names) {
            lines.add(trustLine(name));
        }
        return new RecordAuthenticator(
                TrustSource.of(TrustedSigners.parse(String.join("\n", lines), "test")), Duration.ofMinutes(5));
    }

    public static String trustLine(String name) {
        return TrustedSigners.line(name, pair(name).getPublic());
    }

    /** The {@code trust.signers} setting of every service under test: everyone but the stranger. */
    public static String trusted() {
        return String.join(",", trustLine(ENGINEER), trustLine(COORDINATOR), trustLine(BACKUP_SERVICE));
    }

    /**
     * The trust and signing settings of a service under {@code prefix} ({@code mcpdr.coordinator}), signing as
     * {@code self}.
     */
    public static Map<String, String> settings(String prefix, String self) {
        return Map.of(
                prefix + ".trust.signers",
                trusted(),
                prefix + ".trust.signing.name",
                self,
                prefix + ".trust.signing.key",
                privateKey(self));
    }

    private static KeyPair derived(String name) {
        try {
            SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
            seeded.setSeed(("mcpdr-test-signer:" + name).getBytes(StandardCharsets.UTF_8));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(255, seeded);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 test keys cannot be made in this runtime", e);
        }
    }

    private static KeyPair pair(String name) {
        KeyPair pair = KEYS.get(name);
        if (pair == null) {
            throw new IllegalArgumentException("no test signer " + name);
        }
        return pair;
    }
}
