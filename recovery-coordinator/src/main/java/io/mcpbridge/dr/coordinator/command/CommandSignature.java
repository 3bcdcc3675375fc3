package io.mcpbridge.dr.coordinator.command;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates manual recovery commands: an HMAC-SHA256, with a key from a Secret shared with the
 * engineers' tool, over the command's id, its time and its exact payload bytes, carried in the
 * {@code mcpdr-signature} header as {@code v1=<hex>}. A command whose signature is missing or wrong, or
 * whose time is outside the accepted skew (a replay of an old command), is refused; the id makes a
 * replay within the window a duplicate that the coordinator drops.
 */
public final class CommandSignature {

    /** The Kafka header carrying the signature. */
    public static final String HEADER = "mcpdr-signature";
    private static final String VERSION = "v1=";
    private static final int MIN_KEY_BYTES = 32;

    private final byte[] key;
    private final Duration maxSkew;

    /**
     * @param key     at least 32 bytes
     * @param maxSkew how far a command's time may be from now, either way
     */
    public CommandSignature(byte[] key, Duration maxSkew) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the command signing key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = key.clone();
        this.maxSkew = maxSkew;
    }

    /** The header value for a command (what the engineers' tool sends). */
    public String sign(String commandId, Instant time, byte[] payload) {
        return VERSION + HexFormat.of().formatHex(mac(commandId, time, payload));
    }

    /**
     * @throws UnauthenticatedCommandException saying what is wrong, never echoing the expected value
     */
    public void verify(String commandId, Instant time, byte[] payload, String header, Instant now) {
        if (header == null || header.isBlank()) {
            throw new UnauthenticatedCommandException("command " + commandId + " is not signed (" + HEADER + ")");
        }
        if (!header.startsWith(VERSION)) {
            throw new UnauthenticatedCommandException("command " + commandId + " has an unknown signature version");
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw new UnauthenticatedCommandException("command " + commandId + " has a malformed signature");
        }
        if (!MessageDigest.isEqual(given, mac(commandId, time, payload))) {
            throw new UnauthenticatedCommandException("command " + commandId
                    + " has a wrong signature: tampered with, or signed with another key");
        }
        if (time.isBefore(now.minus(maxSkew)) || time.isAfter(now.plus(maxSkew))) {
            throw new UnauthenticatedCommandException("command " + commandId + " is dated " + time
                    + ", outside the accepted " + maxSkew.toMinutes() + " min: refused as a possible replay");
        }
    }

    private byte[] mac(String commandId, Instant time, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((commandId + "\n" + time + "\n").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(payload);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not usable in this runtime", e);
        }
    }

    @Override
    public String toString() {
        return "CommandSignature[key " + key.length + " bytes, skew " + maxSkew + "]";
    }

    /** Wipes the key copy (on shutdown). */
    public void destroy() {
        Arrays.fill(key, (byte) 0);
    }

    /** The command is not authenticated; the message is the reason for the dead letter topic. */
    public static final class UnauthenticatedCommandException extends RuntimeException {
        public UnauthenticatedCommandException(String message) {
            super(message);
        }
    }
}
