package io.mcpbridge.dr.notifier.support;

import io.mcpbridge.dr.testing.stub.StatuspageStub;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Finds an incident's page incident on the Statuspage stub by the marker the channel puts in its name, as the
 * channel itself does: other tests' incidents share the page.
 */
public final class PageMarkers {

    private PageMarkers() {}

    public static List<StatuspageStub.Incident> pagesOf(StatuspageStub statuspage, String incidentId) {
        String marker = marker(incidentId);
        return statuspage.incidents().stream()
                .filter(page -> page.name().contains(marker))
                .toList();
    }

    static String marker(String incidentId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(incidentId.getBytes(StandardCharsets.UTF_8));
            return "[ref " + HexFormat.of().formatHex(digest, 0, 4) + "]";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
