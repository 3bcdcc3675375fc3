package io.mcpbridge.dr.events.drill;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.mcpbridge.dr.events.json.MalformedEventException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The plan's four drills ("DR Test Schedule"), with how often the plan runs each. */
public enum DrillType {
    /** The newest backup of every scope verified by a test restore. Daily. */
    BACKUP_VERIFICATION(Duration.ofDays(1)),
    /** A component restarted on purpose; the time back to healthy measured. Weekly. */
    SERVICE_RESTART(Duration.ofDays(7)),
    /** Fail over to the standby or DR target, verify there, fail back. Monthly. */
    FAILOVER(Duration.ofDays(30)),
    /** Everything restored from the newest verified backup into scratch targets, checked, torn down. Quarterly. */
    FULL(Duration.ofDays(91));

    private final Duration period;

    DrillType(Duration period) {
        this.period = period;
    }

    /** How often the plan runs it: a drill type is overdue after twice this without a success. */
    public Duration period() {
        return period;
    }

    /** On the wire, in commands and in drctl: {@code backup-verification}, {@code service-restart}, ... */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The key of its commands and results ({@code drill-full}): the coordinator replica owning this key's partition
     * runs the drill, so each runs once per period across replicas.
     */
    public String key() {
        return "drill-" + wireName();
    }

    /** Reads a drill type by its wire name or constant name, in any letter case. */
    @JsonCreator
    public static DrillType of(String name) {
        if (name != null) {
            String wanted = name.strip().replace('_', '-');
            for (DrillType type : values()) {
                if (type.wireName().equalsIgnoreCase(wanted)) {
                    return type;
                }
            }
        }
        throw new MalformedEventException("unknown drill type '" + name + "', expected one of "
                + Arrays.stream(values()).map(DrillType::wireName).collect(Collectors.joining(", ")));
    }
}
