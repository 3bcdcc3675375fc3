package io.mcpbridge.dr.drctl.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanTest {

    @Test
    void durationsReadAtAGlance() {
        assertThat(Human.duration(Duration.ofMillis(420))).isEqualTo("0.4s");
        assertThat(Human.duration(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(Human.duration(Duration.ofSeconds(192))).isEqualTo("3m12s");
        assertThat(Human.duration(Duration.ofMinutes(125))).isEqualTo("2h05m");
        assertThat(Human.duration(Duration.ofHours(76))).isEqualTo("3d04h");
        assertThat(Human.duration(null)).isEqualTo("-");
    }

    @Test
    void sizesInBinaryUnits() {
        assertThat(Human.bytes(512)).isEqualTo("512 B");
        assertThat(Human.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Human.bytes(212L * 1024 * 1024)).isEqualTo("212.0 MiB");
    }
}
