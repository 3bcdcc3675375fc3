package io.mcpbridge.dr.events.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

    @Test
    void theLastDueTimeIsTheLatestRunAtOrBeforeNow() {
        assertThat(CronSchedule.lastDue("0 */20 * * * ?", Instant.parse("2026-12-05T04:35:10.500Z"), ZoneOffset.UTC))
                .contains(Instant.parse("2026-12-05T04:20:00Z"));
        assertThat(CronSchedule.lastDue("0 */20 * * * ?", Instant.parse("2026-12-05T04:40:00.300Z"), ZoneOffset.UTC))
                .as("due this very second")
                .contains(Instant.parse("2026-12-05T04:40:00Z"));
        assertThat(CronSchedule.lastDue("off", Instant.now(), ZoneOffset.UTC)).isEmpty();
    }

    @Test
    void thePeriodIsTheLongestGapAlsoForSchedulesRarerThanWeekly() {
        assertThat(CronSchedule.period("0 0 */6 * * ?")).contains(Duration.ofHours(6));
        assertThat(CronSchedule.period("0 15 4 * * ?")).contains(Duration.ofDays(1));
        assertThat(CronSchedule.period("0 0 5 ? * MON")).contains(Duration.ofDays(7));
        assertThat(CronSchedule.period("0 0 6 1 * ?").orElseThrow())
                .isBetween(Duration.ofDays(28), Duration.ofDays(31));
        assertThat(CronSchedule.period("0 0 7 1 1/3 ?").orElseThrow())
                .isBetween(Duration.ofDays(89), Duration.ofDays(92));
        assertThat(CronSchedule.period("OFF")).isEmpty();
    }

    @Test
    void anExpressionThatIsNoCronIsRefused() {
        assertThatThrownBy(() -> CronSchedule.times("every day")).isInstanceOf(IllegalArgumentException.class);
    }
}
