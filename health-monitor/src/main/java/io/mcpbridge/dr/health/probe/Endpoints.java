package io.mcpbridge.dr.health.probe;

import java.net.URI;
import java.net.URISyntaxException;

/** Renders probe endpoints without credentials, for events, logs and metrics. */
final class Endpoints {

    private Endpoints() {}

    /** The URI without user info and without query (tokens are sometimes passed there). */
    static String redact(URI uri) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
        }
    }
}
