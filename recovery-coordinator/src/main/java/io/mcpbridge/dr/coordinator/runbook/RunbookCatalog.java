package io.mcpbridge.dr.coordinator.runbook;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mcpbridge.dr.events.json.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The runbook of every scenario: the defaults shipped in {@code runbooks.yaml}, each replaced by the
 * operator's file where it names the same scenario. Every runbook is checked when loaded, so a mistake in
 * a file stops the coordinator at start rather than in the middle of an incident.
 */
public final class RunbookCatalog {

    private static final String DEFAULTS = "/runbooks.yaml";
    private static final ObjectMapper YAML = EventJson.configure(new ObjectMapper(new YAMLFactory()))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<Scenario, Runbook> runbooks;

    private RunbookCatalog(Map<Scenario, Runbook> runbooks) {
        this.runbooks = runbooks;
    }

    /** The defaults, with any runbook of {@code overrides} in place of the default for its scenario. */
    public static RunbookCatalog load(Optional<Path> overrides) throws IOException {
        Map<Scenario, Runbook> all = new EnumMap<>(Scenario.class);
        try (InputStream in = RunbookCatalog.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " is missing from the classpath");
            }
            put(all, parse(in.readAllBytes(), "the default runbooks"));
        }
        if (overrides.isPresent()) {
            put(all, parse(Files.readAllBytes(overrides.get()), overrides.get().toString()));
        }
        for (Scenario scenario : Scenario.values()) {
            if (!all.containsKey(scenario)) {
                throw new InvalidRunbookException("no runbook for " + scenario.fileName());
            }
        }
        return new RunbookCatalog(all);
    }

    public Runbook runbook(Scenario scenario) {
        return runbooks.get(scenario);
    }

    private static void put(Map<Scenario, Runbook> all, List<Runbook> runbooks) {
        for (Runbook runbook : runbooks) {
            all.put(runbook.scenario(), runbook);
        }
    }

    static List<Runbook> parse(byte[] yaml, String source) {
        RunbookFile file;
        try {
            file = YAML.readValue(yaml, RunbookFile.class);
        } catch (IOException e) {
            throw new InvalidRunbookException(source + " is not a valid runbook file: " + firstLine(e.getMessage()));
        }
        if (file == null || file.runbooks() == null || file.runbooks().isEmpty()) {
            throw new InvalidRunbookException(source + " holds no runbooks");
        }
        Set<Scenario> seen = new HashSet<>();
        for (Runbook runbook : file.runbooks()) {
            if (runbook.scenario() == null) {
                throw new InvalidRunbookException(source + ": a runbook without a scenario");
            }
            if (!seen.add(runbook.scenario())) {
                throw new InvalidRunbookException(
                        source + ": two runbooks for " + runbook.scenario().fileName());
            }
            check(runbook, source);
        }
        return file.runbooks();
    }

    private static void check(Runbook runbook, String source) {
        String where = source + ", " + runbook.scenario().fileName();
        if (runbook.steps().isEmpty()) {
            throw new InvalidRunbookException(where + ": no steps");
        }
        Set<String> names = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (Step step : runbook.steps()) {
            if (step.name() == null || step.name().isBlank()) {
                problems.add("a step without a name");
                continue;
            }
            if (!names.add(step.name())) {
                problems.add("two steps named " + step.name());
            }
            if (step.action() == null) {
                problems.add(step.name() + " has no action");
                continue;
            }
            if (step.retries() < 0
                    || step.timeout().isNegative()
                    || step.timeout().isZero()) {
                problems.add(step.name() + " needs a positive timeout and no negative retries");
            }
            for (String required : requiredParameters(step.action())) {
                if (!step.parameters().containsKey(required)) {
                    problems.add(step.name() + " (" + step.action().fileName() + ") needs parameter " + required);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRunbookException(where + ": " + String.join("; ", problems));
        }
    }

    private static List<String> requiredParameters(StepAction action) {
        return switch (action) {
            case ROLLOUT_RESTART, ROLLOUT_UNDO, DELETE_PODS -> List.of("deployment");
            case SCALE -> List.of("deployment", "replicas");
            case VERIFY -> List.of("attempts", "interval");
            case FORENSIC_SNAPSHOT -> List.of("scopes");
            case RESTORE_BACKUP -> List.of("backup", "scopes");
            case REVOKE_SESSIONS -> List.of("pattern");
            case ROTATE_CREDENTIALS -> List.of("secret", "key");
            case FAIL_OVER -> List.of("service", "to");
            case SHELL -> List.of("command");
            case NOTIFY -> List.of("summary");
            case ESCALATE -> List.of();
        };
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse(message);
    }

    /** The shape of a runbook file. */
    public record RunbookFile(List<Runbook> runbooks) {}

    /** A runbook file that cannot be used, with what is wrong in it. */
    public static final class InvalidRunbookException extends RuntimeException {
        public InvalidRunbookException(String message) {
            super(message);
        }
    }
}
