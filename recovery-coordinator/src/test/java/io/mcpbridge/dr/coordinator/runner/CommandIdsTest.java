package io.mcpbridge.dr.coordinator.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.coordinator.incident.IncidentIds;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Results come back under the ids the coordinator gave: each must lead to its incident, and no other id may. */
class CommandIdsTest {

    private static final String INCIDENT = IncidentIds.of("redis", Instant.parse("2026-12-04T18:54:07.433Z"));

    @Test
    void incidentIdsAreWrittenAsTheyAlwaysWere() {
        assertThat(INCIDENT).isEqualTo("inc-redis-20261204T185407433Z");
        assertThat(IncidentIds.isIncidentId(INCIDENT)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {":restore", ":restore@run1", ":restore@try2", ":restore@run2@try3"})
    void everyAttemptOfAStepLeadsBackToItsIncident(String suffix) {
        assertThat(CommandIds.incidentOf(INCIDENT + suffix)).contains(INCIDENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"backup-7f3a", "restore-by-hand:now", ":restore", "inc-:x", "drill-redis:restore"})
    void idsOfAnyoneElseLeadNowhere(String commandId) {
        assertThat(CommandIds.incidentOf(commandId)).isEmpty();
    }
}
