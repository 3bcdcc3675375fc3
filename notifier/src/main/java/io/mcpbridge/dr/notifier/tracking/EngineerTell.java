package io.mcpbridge.dr.notifier.tracking;

import io.mcpbridge.dr.events.notify.NotificationRequest;
import java.util.List;

/**
 * An engineer's request to tell audiences about an incident now ({@code drctl tell}), kept in the incident's record
 * until every audience it names was told.
 *
 * @param request the request: the engineer's words as its summary, the audiences it names
 * @param waiting the audiences it names that have not been told yet
 */
public record EngineerTell(NotificationRequest request, List<String> waiting) {

    public EngineerTell {
        waiting = waiting == null ? List.of() : List.copyOf(waiting);
    }

    public String id() {
        return request.id();
    }

    /** The same request with this audience told; empty once nobody waits. */
    EngineerTell told(String audience) {
        return new EngineerTell(
                request, waiting.stream().filter(name -> !name.equals(audience)).toList());
    }
}
