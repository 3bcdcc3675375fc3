package io.mcpbridge.dr.backup.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.dr.events.backup.BackupScope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaxBackupAgeTest {

    private static final List<BackupScope> SCOPES = List.of(BackupScope.CONFIGS, BackupScope.REDIS);

    @Test
    void byDefaultAScopeMayMissOneScheduledBackupButNotTwo() {
        assertThat(MaxBackupAge.of(SCOPES, Map.of(), "0 0 */6 * * ?"))
                .containsEntry(BackupScope.CONFIGS, Duration.ofHours(12))
                .containsEntry(BackupScope.REDIS, Duration.ofHours(12))
                .doesNotContainKey(BackupScope.KUBERNETES);
    }

    @Test
    void aScheduleWithUnequalGapsIsJudgedByItsLongestGap() {
        // 02:00 and 03:00 daily: the data may be 23 hours old just before 02:00.
        assertThat(MaxBackupAge.schedulePeriod("0 0 2,3 * * ?")).contains(Duration.ofHours(23));
        assertThat(MaxBackupAge.of(SCOPES, Map.of(), "0 0 2,3 * * ?"))
                .containsEntry(BackupScope.REDIS, Duration.ofHours(46));
    }

    @Test
    void aSettingPerScopeWinsOverTheSchedule() {
        assertThat(MaxBackupAge.of(SCOPES, Map.of("redis", Duration.ofMinutes(30)), "0 0 */6 * * ?"))
                .containsEntry(BackupScope.REDIS, Duration.ofMinutes(30))
                .containsEntry(BackupScope.CONFIGS, Duration.ofHours(12));
    }

    @Test
    void withTheScheduleOffTheDefaultIsTwiceThePlansSixHours() {
        assertThat(MaxBackupAge.of(SCOPES, Map.of(), "off")).containsEntry(BackupScope.CONFIGS, Duration.ofHours(12));
    }

    @Test
    void anUnknownScopeOrANonPositiveAgeIsRefusedByName() {
        assertThatThrownBy(() -> MaxBackupAge.of(SCOPES, Map.of("sessions", Duration.ofHours(1)), "off"))
                .hasMessageContaining("mcpdr.backup.max-age.sessions")
                .hasMessageContaining("unknown backup scope");
        assertThatThrownBy(() -> MaxBackupAge.of(SCOPES, Map.of("redis", Duration.ZERO), "off"))
                .hasMessageContaining("mcpdr.backup.max-age.redis must be positive");
    }
}
