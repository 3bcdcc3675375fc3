package io.mcpbridge.dr.drctl.state;

import io.mcpbridge.dr.drctl.DrctlException;
import io.mcpbridge.dr.drctl.ExitCodes;
import io.mcpbridge.dr.drctl.kafka.Kafka;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.incident.Incident;
import java.util.Comparator;
import java.util.List;

/** The incidents as the compacted {@code mcp-dr.incidents} holds them: the newest version of each. */
public final class IncidentRecords {

    private final List<Incident> incidents;

    private IncidentRecords(List<Incident> incidents) {
        this.incidents = incidents;
    }

    public static IncidentRecords read(Kafka kafka) {
        List<Incident> incidents = kafka.latestByKey(Topics.INCIDENTS).values().stream()
                .filter(event -> event.type() == EventType.INCIDENT_UPDATED)
                .map(event -> (Incident) event.payload())
                .sorted(Comparator.comparing(Incident::detectedAt).reversed())
                .toList();
        return new IncidentRecords(incidents);
    }

    /** Newest first. */
    public List<Incident> all() {
        return incidents;
    }

    /** Open ones (not resolved, not suppressed), newest first. */
    public List<Incident> open() {
        return incidents.stream().filter(incident -> incident.state().open()).toList();
    }

    /**
     * @throws DrctlException when there is no such incident, naming the open ones
     */
    public Incident byId(String id) {
        return incidents.stream()
                .filter(incident -> incident.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new DrctlException(
                        ExitCodes.REFUSED,
                        "no incident " + id + " on " + Topics.INCIDENTS
                                + (open().isEmpty()
                                        ? " (none is open)"
                                        : "; open: "
                                                + String.join(
                                                        ", ",
                                                        open().stream()
                                                                .map(Incident::id)
                                                                .toList()))));
    }
}
