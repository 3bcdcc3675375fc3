package io.mcpbridge.dr.notifier.support;

import io.mcpbridge.dr.testing.MutableClock;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/**
 * The notifier's clock, moved by the test: the plan's hours of deadlines in seconds. Enabled only by the profiles
 * that name it (an alternative with a priority would be on in every profile).
 */
@Alternative
public class TestClockProducer {

    public static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));

    @Produces
    @Singleton
    Clock clock() {
        return CLOCK;
    }
}
