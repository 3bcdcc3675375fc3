package io.mcpbridge.dr.events.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Parses configured URLs that can carry a secret (a webhook URL, a Redis URL with a password). A malformed
 * one is refused naming the property only: the value never reaches an exception, and so never a log.
 */
public final class SecretUrls {

    private SecretUrls() {}

    /**
     * @param text     the configured value
     * @param property its name, for the message
     * @throws IllegalArgumentException without the value when it is not an absolute URL with a host
     */
    public static URI parse(String text, String property) {
        try {
            URI url = new URI(text.strip());
            if (url.getScheme() == null || url.getHost() == null) {
                throw new IllegalArgumentException(property + " is not a valid URL (needs a scheme and a host)");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(property + " is not a valid URL (" + e.getReason() + ")");
        }
    }
}
