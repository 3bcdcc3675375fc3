package io.mcpbridge.dr.drctl.state;

import io.mcpbridge.dr.drctl.DrctlException;
import io.mcpbridge.dr.drctl.ExitCodes;
import io.mcpbridge.dr.drctl.kafka.Kafka;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.drill.DrillResult;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The drills that ran, as the coordinator published them on {@code mcp-dr.drills}, newest first. */
public final class DrillRecords {

    private final List<DrillResult> drills;

    private DrillRecords(List<DrillResult> drills) {
        this.drills = drills;
    }

    public static DrillRecords read(Kafka kafka, Instant since) {
        List<DrillResult> drills = kafka.read(Topics.DRILLS, Optional.of(since)).stream()
                .flatMap(read -> read.event().stream())
                .filter(event -> event.type() == EventType.DRILL_COMPLETED)
                .map(event -> (DrillResult) event.payload())
                .sorted(Comparator.comparing(DrillResult::startedAt).reversed())
                .toList();
        return new DrillRecords(drills);
    }

    public List<DrillResult> all() {
        return drills;
    }

    /** @throws DrctlException when no drill of that id ran in the time read */
    public DrillResult byId(String id) {
        return drills.stream()
                .filter(drill -> drill.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new DrctlException(
                        ExitCodes.REFUSED,
                        "no drill " + id + " on " + Topics.DRILLS + " (drctl drill list shows them)"));
    }
}
