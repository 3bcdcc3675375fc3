package io.mcpbridge.dr.events.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.dr.events.json.EventJson;
import io.mcpbridge.dr.events.json.MalformedEventException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Timelines already in {@code mcp-dr.incidents} were written with these words; an instance resumes incidents
 * from them, so each must read back as the outcome it always meant.
 */
class StepOutcomeTest {

    private static final Map<String, StepOutcome> WRITTEN_BEFORE = Map.ofEntries(
            Map.entry("started", StepOutcome.STARTED),
            Map.entry("requested", StepOutcome.REQUESTED),
            Map.entry("succeeded", StepOutcome.SUCCEEDED),
            Map.entry("failed", StepOutcome.FAILED),
            Map.entry("retry", StepOutcome.RETRY),
            Map.entry("skipped", StepOutcome.SKIPPED),
            Map.entry("refused", StepOutcome.REFUSED),
            Map.entry("next", StepOutcome.NEXT),
            Map.entry("resolved", StepOutcome.RESOLVED),
            Map.entry("confirmed", StepOutcome.CONFIRMED),
            Map.entry("dry-run", StepOutcome.DRY_RUN),
            Map.entry("acknowledged", StepOutcome.ACKNOWLEDGED),
            Map.entry("info", StepOutcome.INFO));

    @ParameterizedTest
    @EnumSource(StepOutcome.class)
    void everyOutcomeRoundTripsThroughTheWire(StepOutcome outcome) {
        TimelineEntry entry = new TimelineEntry(Instant.parse("2026-12-04T10:00:00Z"), "restart", outcome, "x");

        byte[] json = EventJson.toBytes(entry);

        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"outcome\":\"" + outcome.wireName() + "\"");
        assertThat(EventJson.fromBytes(json, TimelineEntry.class)).isEqualTo(entry);
    }

    @Test
    void theWordsAlreadyOnTimelinesReadBackAsTheSameOutcomes() {
        Map<String, StepOutcome> read = new TreeMap<>();
        for (String word : WRITTEN_BEFORE.keySet()) {
            String json = "{\"time\":\"2026-12-04T10:00:00Z\",\"step\":\"restart\",\"outcome\":\"" + word
                    + "\",\"detail\":\"x\"}";
            read.put(
                    word,
                    EventJson.fromBytes(json.getBytes(StandardCharsets.UTF_8), TimelineEntry.class)
                            .outcome());
        }

        assertThat(read).isEqualTo(new TreeMap<>(WRITTEN_BEFORE));
        assertThat(WRITTEN_BEFORE.values()).containsExactlyInAnyOrder(StepOutcome.values());
    }

    @Test
    void anOutcomeNobodyWritesIsRefusedNotGuessed() {
        byte[] json = "{\"time\":\"2026-12-04T10:00:00Z\",\"step\":\"restart\",\"outcome\":\"startd\",\"detail\":\"x\"}"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EventJson.fromBytes(json, TimelineEntry.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("startd");
    }
}
