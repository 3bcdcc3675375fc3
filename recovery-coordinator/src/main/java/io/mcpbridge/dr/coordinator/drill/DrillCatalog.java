package io.mcpbridge.dr.coordinator.drill;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mcpbridge.dr.coordinator.runbook.StepAction;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.backup.RestoreTargets;
import io.mcpbridge.dr.events.drill.DrillType;
import io.mcpbridge.dr.events.json.EventJson;
import io.mcpbridge.dr.events.schedule.CronSchedule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The drills this coordinator can run: the defaults ({@code drills.yaml} on the classpath, the plan's schedule),
 * replaced drill by drill by an operator's file ({@code mcpdr.coordinator.drills-file}). Checked whole at start:
 * a definition that could not run refuses the start, not the drill's night.
 */
public final class DrillCatalog {

    private static final String DEFAULTS = "/drills.yaml";
    private static final ObjectMapper YAML = EventJson.configure(YAMLMapper.builder()
                    .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** MCP Bridge's own components: a drill breaks one only when its definition says {@code production: true}. */
    static final List<String> PRODUCTION = List.of("gateway", "router", "redis");

    private final Map<DrillType, DrillDefinition> drills;

    private DrillCatalog(Map<DrillType, DrillDefinition> drills) {
        this.drills = drills;
    }

    /** A file of drills: {@code drills: [...]}. */
    public record DrillFile(List<DrillDefinition> drills) {}

    public static DrillCatalog load(Optional<Path> overrides) throws IOException {
        Map<DrillType, DrillDefinition> all = new EnumMap<>(DrillType.class);
        try (InputStream in = DrillCatalog.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " is missing from the classpath");
            }
            put(all, parse(in.readAllBytes(), "the default drills"));
        }
        if (overrides.isPresent()) {
            put(all, parse(Files.readAllBytes(overrides.get()), overrides.get().toString()));
        }
        return new DrillCatalog(all);
    }

    /** The drill of this type, if one is defined. */
    public Optional<DrillDefinition> drill(DrillType type) {
        return Optional.ofNullable(drills.get(type));
    }

    public Collection<DrillDefinition> all() {
        return drills.values();
    }

    private static void put(Map<DrillType, DrillDefinition> all, List<DrillDefinition> drills) {
        for (DrillDefinition drill : drills) {
            all.put(drill.type(), drill);
        }
    }

    static List<DrillDefinition> parse(byte[] yaml, String source) {
        DrillFile file;
        try {
            file = YAML.readValue(yaml, DrillFile.class);
        } catch (IOException e) {
            throw new InvalidDrillException(source + " is not a valid drill file: " + firstLine(e.getMessage()));
        }
        if (file == null || file.drills() == null || file.drills().isEmpty()) {
            throw new InvalidDrillException(source + " holds no drills");
        }
        Map<DrillType, DrillDefinition> seen = new EnumMap<>(DrillType.class);
        for (DrillDefinition drill : file.drills()) {
            if (drill.type() == null) {
                throw new InvalidDrillException(source + ": a drill without a type");
            }
            String where = source + ", " + drill.type().wireName();
            if (seen.put(drill.type(), drill) != null) {
                throw new InvalidDrillException(where + ": defined twice");
            }
            if (drill.timeout().isNegative() || drill.timeout().isZero()) {
                throw new InvalidDrillException(where + ": the timeout must be positive");
            }
            if (drill.type() == DrillType.SERVICE_RESTART || drill.type() == DrillType.FAILOVER) {
                checkDisruptive(drill, where);
            }
            if (drill.type() == DrillType.FULL) {
                checkScratch(drill, where);
            }
            if (!"off".equalsIgnoreCase(drill.schedule())) {
                try {
                    CronSchedule.times(drill.schedule());
                } catch (IllegalArgumentException e) {
                    throw new InvalidDrillException(
                            where + ": schedule '" + drill.schedule() + "' is not a Quartz cron: " + e.getMessage());
                }
            }
        }
        return file.drills();
    }

    /**
     * A drill that breaks something names what (a probe target), how, and, for one of MCP Bridge's own components,
     * that it may: a restart is a rollout restart or a host command; a failover is a Service switched to the
     * standby and back, never a standby promoted (that cannot be undone).
     */
    private static void checkDisruptive(DrillDefinition drill, String where) {
        if (drill.target() == null || drill.target().isBlank()) {
            throw new InvalidDrillException(where + ": name the probe target it breaks and watches (target)");
        }
        if (PRODUCTION.contains(drill.target()) && !drill.production()) {
            throw new InvalidDrillException(where + ": " + drill.target() + " is one of MCP Bridge's own components;"
                    + " breaking it on purpose needs production: true (or a canary target)");
        }
        if (drill.type() == DrillType.SERVICE_RESTART) {
            check(drill.restart(), "restart", List.of(StepAction.ROLLOUT_RESTART, StepAction.SHELL), where);
        } else {
            check(drill.failOver(), "failOver", List.of(StepAction.FAIL_OVER), where);
            check(drill.failBack(), "failBack", List.of(StepAction.FAIL_OVER), where);
            if (drill.failOver().parameters().containsKey("promote")
                    || drill.failBack().parameters().containsKey("promote")) {
                throw new InvalidDrillException(where + ": a drill never promotes a standby (it cannot fail back)");
            }
        }
    }

    /** A full drill names a scratch place for every scope it restores: nothing of it goes anywhere by default. */
    private static void checkScratch(DrillDefinition drill, String where) {
        RestoreTargets into = drill.restoreTo();
        if (into == null) {
            throw new InvalidDrillException(
                    where + ": say where it restores (restoreTo: {namespace, redis, directory})");
        }
        for (BackupScope scope : drill.scopes()) {
            String place = switch (scope) {
                case KUBERNETES -> into.namespace();
                case REDIS -> into.redis();
                case CONFIGS, CERTS -> into.directory();
            };
            if (place == null || place.isBlank()) {
                throw new InvalidDrillException(where + ": it restores " + scope.wireName() + " and restoreTo names no "
                        + (scope == BackupScope.KUBERNETES
                                ? "namespace"
                                : scope == BackupScope.REDIS ? "redis target" : "directory")
                        + " for it");
            }
        }
    }

    /**
     * Refuses a full drill that would restore into MCP Bridge's own namespace (backup-service would let it: that
     * namespace is where a real restore goes).
     */
    public DrillCatalog checkedAgainst(String bridgeNamespace) {
        drill(DrillType.FULL)
                .map(DrillDefinition::restoreTo)
                .map(RestoreTargets::namespace)
                .filter(bridgeNamespace::equals)
                .ifPresent(namespace -> {
                    throw new InvalidDrillException("the full drill restores into " + namespace
                            + ", where MCP Bridge runs; name a scratch namespace (the plan's mcp-dr-test)");
                });
        return this;
    }

    private static void check(DrillDefinition.Action action, String field, List<StepAction> allowed, String where) {
        if (action == null || action.action() == null) {
            throw new InvalidDrillException(where + ": say how (" + field + ": {action, parameters})");
        }
        if (!allowed.contains(action.action())) {
            throw new InvalidDrillException(where + ": " + field + " is "
                    + allowed.stream().map(StepAction::fileName).toList() + ", not "
                    + action.action().fileName());
        }
        List<String> needed = switch (action.action()) {
            case ROLLOUT_RESTART -> List.of("deployment");
            case SHELL -> List.of("command");
            default -> List.of("service", "to");
        };
        for (String parameter : needed) {
            if (!action.parameters().containsKey(parameter)) {
                throw new InvalidDrillException(
                        where + ": " + field + " (" + action.action().fileName() + ") needs parameter " + parameter);
            }
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
