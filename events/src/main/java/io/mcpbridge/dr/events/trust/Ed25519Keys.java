package io.mcpbridge.dr.events.trust;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys in the forms people handle: a public key as the base64 of its X.509 encoding (what
 * {@code openssl pkey -pubout} prints between the PEM lines), a private key as PKCS#8 PEM (what
 * {@code openssl genpkey -algorithm ed25519} writes), and a short key id to tell keys apart in logs and headers.
 */
public final class Ed25519Keys {

    static final String ALGORITHM = "Ed25519";
    private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_END = "-----END PRIVATE KEY-----";

    private Ed25519Keys() {}

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Ed25519 is not available in this runtime", e);
        }
    }

    /** The base64 of the key's X.509 encoding. */
    public static String publicText(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /**
     * @throws IllegalArgumentException when the text is not an Ed25519 public key, saying so without echoing it
     */
    public static PublicKey parsePublic(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (base64 of its X.509 encoding)");
        }
    }

    /** PKCS#8 PEM, the file {@code drctl keygen} and {@code openssl genpkey -algorithm ed25519} write. */
    public static String privatePem(PrivateKey key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        return PEM_BEGIN + "\n" + body + "\n" + PEM_END + "\n";
    }

    /**
     * Reads PKCS#8 PEM, or its bare base64 body (as an environment variable from a Secret may hold it).
     *
     * @throws IllegalArgumentException when it is not an Ed25519 private key, never echoing the text
     */
    public static PrivateKey parsePrivate(String pemOrBase64) {
        String body = pemOrBase64.replace(PEM_BEGIN, "").replace(PEM_END, "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 private key (PKCS#8 PEM)");
        }
    }

    /** The first 8 bytes of the SHA-256 of the public key's encoding, in hex: names a key without showing it. */
    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this runtime", e);
        }
    }
}
