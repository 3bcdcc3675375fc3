package io.mcpbridge.dr.notifier.support;

import io.mcpbridge.dr.testing.stub.RecordedRequest;
import io.mcpbridge.dr.testing.stub.SlackWebhookStub;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What reached the Slack stub, as notification ids (every message names its notification in its context line). */
public final class SlackDeliveries {

    private static final Pattern NOTIFICATION_ID = Pattern.compile("notification ([0-9a-f-]{36})");

    private SlackDeliveries() {}

    /** The notification id of every accepted message whose body contains {@code marker}, one per message. */
    public static List<String> notificationIds(SlackWebhookStub slack, String marker) {
        List<String> ids = new ArrayList<>();
        for (RecordedRequest request : slack.accepted()) {
            Matcher matcher = NOTIFICATION_ID.matcher(request.body());
            if (request.body().contains(marker) && matcher.find()) {
                ids.add(matcher.group(1));
            }
        }
        return ids;
    }

    /**
     * The notification ids a message names, each once (its text and its blocks both name them): a digest names each
     * notification it carries.
     */
    public static List<String> allNotificationIds(String body) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher matcher = NOTIFICATION_ID.matcher(body);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return List.copyOf(ids);
    }
}
