package io.mcpbridge.dr.backup.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The 256-bit key that encrypts archives. It is read from a secret (an environment variable or a mounted
 * file) as base64 and never leaves this object: logs, manifests and index objects carry only its
 * {@link #id()}, a one-way fingerprint that tells which key an archive needs without revealing it.
 */
public final class ArchiveKey {

    public static final int LENGTH_BYTES = 32;

    private final byte[] material;
    private final String id;

    private ArchiveKey(byte[] material) {
        this.material = material;
        this.id = fingerprint(material);
    }

    /**
     * Reads a base64 key (standard or URL alphabet, surrounding white space ignored).
     *
     * @throws IllegalArgumentException saying what is wrong, never quoting the value
     */
    public static ArchiveKey fromBase64(String encoded, String source) {
        if (encoded == null || encoded.isBlank()) {
            throw new IllegalArgumentException("no archive key in " + source);
        }
        byte[] material;
        String trimmed = encoded.strip();
        try {
            material = trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(trimmed)
                    : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the archive key in " + source + " is not base64");
        }
        if (material.length != LENGTH_BYTES) {
            Arrays.fill(material, (byte) 0);
            throw new IllegalArgumentException("the archive key in " + source + " must be " + LENGTH_BYTES
                    + " bytes (base64 of 32 random bytes, e.g. `openssl rand -base64 32`)");
        }
        return new ArchiveKey(material);
    }

    /** The fingerprint recorded with each archive: 16 hex digits of a domain-separated SHA-256. */
    public String id() {
        return id;
    }

    /** A copy of the key bytes for the cipher; the caller wipes it. */
    byte[] material() {
        return material.clone();
    }

    private static String fingerprint(byte[] material) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("mcp-dr archive key id v1".getBytes(StandardCharsets.US_ASCII));
            digest.update(material);
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this runtime", e);
        }
    }

    @Override
    public String toString() {
        return "ArchiveKey[" + id + "]";
    }
}
