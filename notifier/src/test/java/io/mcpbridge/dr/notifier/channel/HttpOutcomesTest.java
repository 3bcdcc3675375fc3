package io.mcpbridge.dr.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpOutcomesTest {

    @Test
    void retryAfterInSecondsOrAsAnHttpDate() {
        assertThat(HttpOutcomes.retryAfter(Optional.of("2"))).contains(Duration.ofSeconds(2));
        assertThat(HttpOutcomes.retryAfter(Optional.of("-5"))).contains(Duration.ZERO);
        String inTenSeconds =
                DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(10));
        assertThat(HttpOutcomes.retryAfter(Optional.of(inTenSeconds)).orElseThrow())
                .isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
        assertThat(HttpOutcomes.retryAfter(Optional.of("soon"))).isEmpty();
        assertThat(HttpOutcomes.retryAfter(Optional.empty())).isEmpty();
    }
}
