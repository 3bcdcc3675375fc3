package io.mcpbridge.dr.notifier.tracking;

import io.mcpbridge.dr.events.json.EventJson;
import io.mcpbridge.dr.notifier.ledger.DeliveryLedger;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Incidents' communication records, kept in the delivery ledger (key {@code communication|<incident id>}, the
 * record as JSON), so every instance knows them after a restart or when an incident's partition moves to it.
 */
@ApplicationScoped
public class CommunicationRecords {

    static final String PREFIX = "communication|";
    private static final Logger LOG = Logger.getLogger(CommunicationRecords.class);

    private final DeliveryLedger ledger;
    /** Parsed records by the ledger's text, so a tick parses only what changed. */
    private final Map<String, IncidentCommunication> parsed = new ConcurrentHashMap<>();

    public CommunicationRecords(DeliveryLedger ledger) {
        this.ledger = ledger;
    }

    public Optional<IncidentCommunication> find(String incidentId) {
        return ledger.recall(PREFIX + incidentId).flatMap(this::parse);
    }

    /**
     * Keeps the record durably (waits for Kafka's acknowledgement).
     *
     * @throws IllegalStateException when Kafka did not acknowledge
     */
    public void save(IncidentCommunication record) {
        ledger.remember(PREFIX + record.incidentId(), new String(EventJson.toBytes(record), StandardCharsets.UTF_8));
    }

    /** Every record the ledger holds. */
    public List<IncidentCommunication> all() {
        List<IncidentCommunication> all = new ArrayList<>();
        ledger.entries(PREFIX).forEach((key, text) -> parse(text).ifPresent(all::add));
        if (parsed.size() > 4 * Math.max(16, all.size())) {
            parsed.clear(); // texts of superseded versions
        }
        return all;
    }

    private Optional<IncidentCommunication> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        IncidentCommunication known = parsed.get(text);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            IncidentCommunication record =
                    EventJson.fromBytes(text.getBytes(StandardCharsets.UTF_8), IncidentCommunication.class);
            parsed.put(text, record);
            return Optional.of(record);
        } catch (RuntimeException e) {
            LOG.warnf(
                    "an unreadable communication record was skipped: %s",
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
