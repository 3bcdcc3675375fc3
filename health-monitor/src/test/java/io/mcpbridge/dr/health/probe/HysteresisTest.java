package io.mcpbridge.dr.health.probe;

import static io.mcpbridge.dr.events.health.HealthState.DEGRADED;
import static io.mcpbridge.dr.events.health.HealthState.DOWN;
import static io.mcpbridge.dr.events.health.HealthState.UNKNOWN;
import static io.mcpbridge.dr.events.health.HealthState.UP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.dr.events.health.HealthState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The hysteresis rules, as a table: results in, states after each result out (down-after 3, up-after 2). */
class HysteresisTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    static Stream<Arguments> rules() {
        return Stream.of(
                rule(
                        "starts unknown and needs up-after successes to be UP",
                        results(UP, UP, UP),
                        states(UNKNOWN, UP, UP)),
                rule(
                        "starts unknown and needs down-after failures to be DOWN",
                        results(DOWN, DOWN, DOWN),
                        states(UNKNOWN, UNKNOWN, DOWN)),
                rule(
                        "goes DOWN only on the third failure in a row",
                        results(UP, UP, DOWN, DOWN, DOWN),
                        states(UNKNOWN, UP, UP, UP, DOWN)),
                rule(
                        "a success in between resets the failure count",
                        results(UP, UP, DOWN, DOWN, UP, DOWN, DOWN),
                        states(UNKNOWN, UP, UP, UP, UP, UP, UP)),
                rule(
                        "comes back UP only on the second success in a row",
                        results(DOWN, DOWN, DOWN, UP, UP),
                        states(UNKNOWN, UNKNOWN, DOWN, DOWN, UP)),
                rule(
                        "a failure while recovering resets the success count",
                        results(DOWN, DOWN, DOWN, UP, DOWN, UP, UP),
                        states(UNKNOWN, UNKNOWN, DOWN, DOWN, DOWN, DOWN, UP)),
                rule(
                        "recovers into DEGRADED when the serving results say so",
                        results(DOWN, DOWN, DOWN, DEGRADED, DEGRADED),
                        states(UNKNOWN, UNKNOWN, DOWN, DOWN, DEGRADED)),
                rule(
                        "mixed serving results count as recovery, the latest decides",
                        results(DOWN, DOWN, DOWN, DEGRADED, UP),
                        states(UNKNOWN, UNKNOWN, DOWN, DOWN, UP)),
                rule(
                        "UP to DEGRADED needs up-after degraded results in a row",
                        results(UP, UP, DEGRADED, UP, DEGRADED, DEGRADED),
                        states(UNKNOWN, UP, UP, UP, UP, DEGRADED)),
                rule(
                        "DEGRADED goes DOWN after down-after failures",
                        results(DEGRADED, DEGRADED, DOWN, DOWN, DOWN),
                        states(UNKNOWN, DEGRADED, DEGRADED, DEGRADED, DOWN)),
                rule(
                        "flapping every probe never changes state",
                        results(UP, UP, DOWN, UP, DOWN, UP, DOWN, UP),
                        states(UNKNOWN, UP, UP, UP, UP, UP, UP, UP)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void followsTheRules(String rule, List<HealthState> results, List<HealthState> expectedStates) {
        Hysteresis hysteresis = new Hysteresis(3, 2, T0);
        List<HealthState> states = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            hysteresis.observe(results.get(i), T0.plusSeconds(i));
            states.add(hysteresis.state());
        }
        assertThat(states).isEqualTo(expectedStates);
    }

    @Test
    void reportsTheTransitionWithTheCountThatCausedItAndWhen() {
        Hysteresis hysteresis = new Hysteresis(3, 2, T0);
        hysteresis.observe(UP, T0);
        assertThat(hysteresis.observe(UP, T0.plusSeconds(5))).contains(new Hysteresis.Transition(UNKNOWN, UP, 2));
        hysteresis.observe(DOWN, T0.plusSeconds(10));
        hysteresis.observe(DOWN, T0.plusSeconds(15));

        assertThat(hysteresis.observe(DOWN, T0.plusSeconds(20))).contains(new Hysteresis.Transition(UP, DOWN, 3));
        assertThat(hysteresis.since()).isEqualTo(T0.plusSeconds(20));
        assertThat(hysteresis.previous()).isEqualTo(UP);
        assertThat(hysteresis.observe(DOWN, T0.plusSeconds(25))).isEmpty();
        assertThat(hysteresis.consecutive()).isEqualTo(4);
    }

    @Test
    void aTakeOverContinuesFromThePublishedStateAndCountsItsOwnProbesFromZero() {
        Hysteresis hysteresis = new Hysteresis(3, 2, T0);
        hysteresis.observe(UP, T0);
        hysteresis.observe(DOWN, T0.plusSeconds(5));
        hysteresis.observe(DOWN, T0.plusSeconds(10)); // two failures counted by a prober that then dies

        hysteresis.resume(UP, UNKNOWN, T0.minusSeconds(60));

        assertThat(hysteresis.state()).isEqualTo(UP);
        assertThat(hysteresis.previous()).isEqualTo(UNKNOWN);
        assertThat(hysteresis.since()).isEqualTo(T0.minusSeconds(60));
        assertThat(hysteresis.observe(UP, T0.plusSeconds(15)))
                .as("the published state again is no transition")
                .isEmpty();
        assertThat(hysteresis.observe(DOWN, T0.plusSeconds(20))).isEmpty();
        assertThat(hysteresis.observe(DOWN, T0.plusSeconds(25))).isEmpty();
        assertThat(hysteresis.observe(DOWN, T0.plusSeconds(30)))
                .as("the new prober's own three failures, not the dead one's two plus one")
                .contains(new Hysteresis.Transition(UP, DOWN, 3));
    }

    @Test
    void refusesThresholdsBelowOneAndUnknownResults() {
        assertThatThrownBy(() -> new Hysteresis(0, 2, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Hysteresis(3, 2, T0).observe(UNKNOWN, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Arguments rule(String name, List<HealthState> results, List<HealthState> states) {
        return Arguments.of(name, results, states);
    }

    private static List<HealthState> results(HealthState... results) {
        return Arrays.asList(results);
    }

    private static List<HealthState> states(HealthState... states) {
        return Arrays.asList(states);
    }
}
