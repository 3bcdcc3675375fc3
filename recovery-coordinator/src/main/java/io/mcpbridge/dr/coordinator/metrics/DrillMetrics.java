package io.mcpbridge.dr.coordinator.metrics;

import io.mcpbridge.dr.events.drill.DrillResult;
import io.mcpbridge.dr.events.drill.DrillType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The drills' series, every type's from the start. The gauges follow {@code mcp-dr.drills}, so every replica shows
 * the same last drill of each type; the counter counts the drills this replica ran.
 */
@ApplicationScoped
public class DrillMetrics {

    private final MeterRegistry registry;
    private final Map<DrillType, AtomicReference<Double>> lastSuccess = new EnumMap<>(DrillType.class);
    private final Map<DrillType, AtomicReference<Double>> lastRto = new EnumMap<>(DrillType.class);
    private final Map<DrillType, AtomicReference<Double>> lastRpo = new EnumMap<>(DrillType.class);

    public DrillMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (DrillType type : DrillType.values()) {
            lastSuccess.put(
                    type,
                    gauge(
                            "mcpdr_drill_last_success_timestamp_seconds",
                            "When a drill of the type last passed (Unix seconds); 0 if never",
                            type,
                            0.0));
            lastRto.put(
                    type,
                    gauge(
                            "mcpdr_drill_last_rto_seconds",
                            "The RTO the type's last drill measured; NaN when it measures none",
                            type,
                            Double.NaN));
            lastRpo.put(
                    type,
                    gauge(
                            "mcpdr_drill_last_rpo_seconds",
                            "The RPO (age of the data) the type's last drill measured; NaN when it measures none",
                            type,
                            Double.NaN));
            ran(type, true, 0);
            ran(type, false, 0);
        }
    }

    /** The drill runs on a schedule with this longest gap between runs: past twice it, a missing success is overdue. */
    public void scheduled(DrillType type, Duration period) {
        Gauge.builder("mcpdr_drill_period_seconds", period, p -> (double) p.toSeconds())
                .description("The longest gap between two scheduled runs of the drill type")
                .tag("type", type.wireName())
                .strongReference(true)
                .register(registry);
    }

    /** A drill result read from the topic (from any replica). */
    public void recorded(DrillResult result) {
        if (result.passed() && result.endedAt() != null) {
            lastSuccess
                    .get(result.type())
                    .accumulateAndGet((double) result.endedAt().getEpochSecond(), Math::max);
        }
        lastRto.get(result.type()).set(seconds(result.rtoMillis()));
        lastRpo.get(result.type()).set(seconds(result.rpoMillis()));
    }

    /** A drill this replica ran. */
    public void ran(DrillResult result) {
        ran(result.type(), result.passed(), 1);
    }

    private void ran(DrillType type, boolean passed, int count) {
        Counter.builder("mcpdr_drill_runs_total")
                .description("Drills this replica ran, by type and outcome")
                .tag("type", type.wireName())
                .tag("outcome", passed ? "pass" : "fail")
                .register(registry)
                .increment(count);
    }

    private AtomicReference<Double> gauge(String name, String description, DrillType type, double initial) {
        AtomicReference<Double> value = new AtomicReference<>(initial);
        Gauge.builder(name, value, AtomicReference::get)
                .description(description)
                .tag("type", type.wireName())
                .strongReference(true)
                .register(registry);
        return value;
    }

    private static double seconds(Long millis) {
        return millis == null ? Double.NaN : millis / 1000.0;
    }
}
