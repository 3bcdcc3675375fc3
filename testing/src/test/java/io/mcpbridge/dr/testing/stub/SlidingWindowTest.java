package io.mcpbridge.dr.testing.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SlidingWindowTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("nothing sent", millis(), 1000L, 0),
                Arguments.of("one message", millis(0), 1000L, 1),
                Arguments.of("one per second exactly", millis(0, 1000, 2000, 3000), 1000L, 1),
                Arguments.of("a burst of three", millis(0, 100, 200, 1300), 1000L, 3),
                Arguments.of("two per second, steady", millis(0, 500, 1000, 1500, 2000), 1000L, 2),
                Arguments.of("same instant", millis(0, 0), 1000L, 2),
                Arguments.of("arrival order does not matter", millis(1300, 0, 200, 100), 1000L, 3),
                Arguments.of("120 per minute", everyMillis(500, 121), 60_000L, 120));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void countsTheBusiestWindow(String name, List<Instant> received, long windowMillis, int expected) {
        assertThat(SlidingWindow.maxInAnyWindow(received, Duration.ofMillis(windowMillis)))
                .isEqualTo(expected);
    }

    @Test
    void refusesAnEmptyWindow() {
        assertThatThrownBy(() -> SlidingWindow.maxInAnyWindow(millis(0), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Instant> millis(long... offsets) {
        return Arrays.stream(offsets).mapToObj(START::plusMillis).toList();
    }

    private static List<Instant> everyMillis(long step, int count) {
        return Stream.iterate(START, instant -> instant.plusMillis(step))
                .limit(count)
                .toList();
    }
}
