package io.mcpbridge.dr.backup.redis;

import java.net.URI;
import java.util.Optional;

/**
 * A Redis to read or write: host, port, database, TLS. The password is held apart and never printed: it
 * comes from configuration (a secret), not from commands, and {@link #toString()} leaves it out.
 */
public record RedisEndpoint(String host, int port, int database, boolean tls, Optional<String> password) {

    /**
     * Parses {@code host:port}, {@code redis://host:port/db} or {@code rediss://...}. A URL that carries
     * credentials is refused: credentials belong in the password setting.
     *
     * @throws IllegalArgumentException naming {@code what}, never quoting a value that could hold a secret
     */
    public static RedisEndpoint parse(String text, Optional<String> password, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        String value = text.strip();
        URI uri;
        try {
            uri = URI.create(value.contains("://") ? value : "redis://" + value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not host:port or a redis:// URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(what + " must not carry credentials; the password is configured apart");
        }
        String scheme = uri.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw new IllegalArgumentException(what + " must be host:port or a redis:// or rediss:// URL");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(what + " has no host");
        }
        int database = 0;
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " names database '" + path.substring(1) + "', not a number");
            }
        }
        return new RedisEndpoint(
                uri.getHost(),
                uri.getPort() > 0 ? uri.getPort() : 6379,
                database,
                "rediss".equals(scheme),
                password.filter(p -> !p.isEmpty()));
    }

    /** The connection string without credentials. */
    public String connectionString() {
        return (tls ? "rediss://" : "redis://") + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return connectionString();
    }
}
