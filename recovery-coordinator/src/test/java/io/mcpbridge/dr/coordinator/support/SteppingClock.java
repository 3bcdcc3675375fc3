package io.mcpbridge.dr.coordinator.support;

import io.mcpbridge.dr.testing.MutableClock;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/**
 * The coordinator's {@link Clock} in a test's hands, for an hour of flapping in seconds. Enabled only by the
 * profiles that list it; the coordinator reads all its time (budget, cooldown, verification) from the clock.
 */
@Alternative
@Singleton
public class SteppingClock extends MutableClock {

    public SteppingClock() {
        super(Instant.now());
    }
}
