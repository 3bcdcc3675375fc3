package io.mcpbridge.dr.coordinator.runner;

import io.mcpbridge.dr.coordinator.action.ActionResult;
import io.mcpbridge.dr.coordinator.action.HostCommands;
import io.mcpbridge.dr.coordinator.action.KubernetesActions;
import io.mcpbridge.dr.coordinator.action.SessionRevoker;
import io.mcpbridge.dr.coordinator.action.StandbyPromoter;
import io.mcpbridge.dr.coordinator.notice.IncidentFacts;
import io.mcpbridge.dr.coordinator.runbook.Step;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.backup.RestoreTargets;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Runs one step's action for an incident, with the step's parameters filled in ({@link Variables}), and says
 * afterwards whether a step recorded as started actually took effect (for resuming after a crash). A
 * component name must be a plain name ({@code [a-z0-9-]}) before it goes into any parameter; a host command
 * is the runbook's words, each filled in on its own and run without a shell. Restores and forensic
 * snapshots are commands to backup-service, answered later on its results topic; notify steps are requests
 * to the notifier.
 */
public final class StepExecutor implements AutoCloseable {

    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** What the executor talks to besides the cluster; each publisher is durable and throws when it cannot. */
    public record Peers(
            Optional<SessionRevoker> sessions,
            Optional<StandbyPromoter> standby,
            Consumer<BackupCommand> backupRequests,
            Consumer<NotificationRequest> notifications,
            HostCommands hosts) {}

    private final KubernetesActions kubernetes;
    private final String namespace;
    private final Variables configured;
    private final Peers peers;
    private final Clock clock;

    /**
     * @param kubernetes the cluster's actions
     * @param namespace  the MCP Bridge namespace ({@code ${namespace}})
     * @param variables  the operator's variables ({@code mcpdr.coordinator.variables.*})
     */
    public StepExecutor(
            KubernetesActions kubernetes, String namespace, Map<String, String> variables, Peers peers, Clock clock) {
        this.kubernetes = kubernetes;
        this.namespace = namespace;
        Map<String, String> all = new LinkedHashMap<>(variables);
        all.put("namespace", namespace);
        this.configured = new Variables(all);
        this.peers = peers;
        this.clock = clock;
    }

    /**
     * For a verification with {@code requireSessions}: whether the session store holds sessions; empty when no
     * session store is configured to look at.
     */
    public Optional<ActionResult> sessions(Step step) {
        String pattern = step.parameters().getOrDefault("sessionPattern", "session:*");
        return peers.sessions().map(store -> store.anyMatching(pattern));
    }

    /** Whether a step's {@code when} variable is set for this incident (always, for a step without one). */
    public boolean shouldRun(Step step, Incident incident) {
        return step.when() == null || variables(incident).isSet(step.when());
    }

    public ActionResult execute(Step step, Incident incident) {
        if (!PLAIN_NAME.matcher(incident.component()).matches()) {
            return ActionResult.failed(
                    "component name '" + incident.component() + "' is not a plain name: not acted on");
        }
        Variables variables = variables(incident);
        try {
            return run(step, incident, variables, parameter(step, variables));
        } catch (Variables.UnsetVariableException e) {
            return ActionResult.failed(step.action().fileName() + " not run: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return ActionResult.failed(step.action().fileName() + " not run, a parameter is wrong: " + e.getMessage());
        }
    }

    private ActionResult run(Step step, Incident incident, Variables variables, Function<String, String> p) {
        String ns = p.apply("namespace") == null ? namespace : p.apply("namespace");
        return switch (step.action()) {
            case ROLLOUT_RESTART ->
                forEach(
                        p.apply("deployment"),
                        () -> kubernetes.workloads(ns),
                        ns,
                        workload -> kubernetes.rolloutRestart(ns, workload));
            case ROLLOUT_UNDO ->
                forEach(
                        p.apply("deployment"),
                        () -> kubernetes.deployments(ns),
                        ns,
                        deployment -> kubernetes.rolloutUndo(ns, deployment));
            case SCALE -> kubernetes.scale(ns, p.apply("deployment"), Integer.parseInt(p.apply("replicas")));
            case DELETE_PODS -> kubernetes.deletePods(ns, p.apply("deployment"));
            case ROTATE_CREDENTIALS -> kubernetes.rotateSecret(ns, p.apply("secret"), p.apply("key"));
            case SHELL ->
                runOnHost(
                        step,
                        incident,
                        Arrays.stream(step.parameters().get("command").strip().split("\\s+"))
                                .map(variables::fill)
                                .toList());
            case ESCALATE -> ActionResult.ok("escalation requested by the runbook");
            case VERIFY -> throw new IllegalArgumentException("verification is not an action");
            case REVOKE_SESSIONS ->
                peers.sessions()
                        .map(revoker -> revoker.revoke(p.apply("pattern")))
                        .orElse(ActionResult.failed("no session store is configured (mcpdr.coordinator.redis.url)"));
            case RESTORE_BACKUP -> requestBackup(step, incident, BackupAction.RESTORE, p.apply("backup"), p);
            case FORENSIC_SNAPSHOT -> requestBackup(step, incident, BackupAction.FORENSIC, null, p);
            case FAIL_OVER -> failOver(ns, p);
            case NOTIFY -> notify(step, incident, p);
        };
    }

    /** Starts the host command off the loop; its result comes back through {@link #hostResult}. */
    private ActionResult runOnHost(Step step, Incident incident, List<String> command) {
        peers.hosts().start(CommandIds.of(incident, step), command, step.timeout());
        return ActionResult.pending(String.join(" ", command) + " started on this host");
    }

    /** The result of the step's host command, once it ended on this instance. */
    public Optional<ActionResult> hostResult(Step step, Incident incident) {
        return peers.hosts().result(CommandIds.of(incident, step));
    }

    /** Whether the step's host command was started by this instance (it may still run). */
    public boolean ranHere(Step step, Incident incident) {
        return peers.hosts().known(CommandIds.of(incident, step));
    }

    /** The step's host command result is on the incident now. */
    public void forgetHostResult(Step step, Incident incident) {
        peers.hosts().forget(CommandIds.of(incident, step));
    }

    /** Stops the host commands still running here; see {@link HostCommands#stopAll}. */
    public int stopHostCommands(String why) {
        return peers.hosts().stopAll(why);
    }

    /** Who is told, with the run's id ({@link CommandIds}), that a host command ended. */
    public void onHostCommandFinished(Consumer<String> listener) {
        peers.hosts().onFinished(listener);
    }

    @Override
    public void close() {
        peers.hosts().close();
    }

    /** Promotes the standby Redis first when one is named, then points the Service at the standby's pods. */
    private ActionResult failOver(String ns, Function<String, String> p) {
        String promote = p.apply("promote");
        String promoted = "";
        if (promote != null && !promote.isEmpty()) {
            ActionResult promotion = peers.standby()
                    .map(standby -> standby.promote(promote))
                    .orElse(ActionResult.failed("no Redis client for promoting " + promote));
            if (!promotion.succeeded()) {
                return promotion;
            }
            promoted = promotion.detail() + "; ";
        }
        ActionResult switched = kubernetes.failOver(ns, p.apply("service"), p.apply("to"));
        return switched.succeeded()
                ? ActionResult.ok(promoted + switched.detail())
                : ActionResult.failed(promoted + switched.detail());
    }

    private ActionResult notify(Step step, Incident incident, Function<String, String> p) {
        Instant now = clock.instant();
        Map<String, String> details = new LinkedHashMap<>();
        Optional.ofNullable(p.apply("audience")).ifPresent(audience -> details.put("Audience", audience));
        details.put("Runbook step", incident.scenario() + " / " + step.name());
        NotificationKind kind =
                p.apply("kind") == null ? NotificationKind.INCIDENT_UPDATED : NotificationKind.valueOf(p.apply("kind"));
        NotificationRequest request = new NotificationRequest(
                incident.id() + ":" + step.name(),
                incident.id(),
                kind,
                Optional.ofNullable(p.apply("severity")).map(Severity::valueOf).orElse(incident.severity()),
                incident.component(),
                p.apply("summary"),
                List.of(incident.component()),
                IncidentFacts.customerImpact(incident),
                "Recovering",
                null,
                null,
                null,
                null,
                incident.commander(),
                null,
                List.of(),
                details,
                incident.detectedAt(),
                now,
                List.of());
        try {
            peers.notifications().accept(request);
        } catch (RuntimeException e) {
            return ActionResult.failed("the notifier could not be asked: " + e.getMessage());
        }
        return ActionResult.ok("notification " + request.id() + " requested: " + request.summary());
    }

    private ActionResult requestBackup(
            Step step, Incident incident, BackupAction action, String backupId, Function<String, String> p) {
        List<BackupScope> scopes = Arrays.stream(p.apply("scopes").split(","))
                .map(String::strip)
                .filter(scope -> !scope.isEmpty())
                .map(BackupScope::of)
                .toList();
        RestoreTargets targets = action == BackupAction.RESTORE
                ? new RestoreTargets(p.apply("intoRedis"), p.apply("intoNamespace"), p.apply("intoDirectory"))
                : null;
        // A restore for an incident never brings back a backup taken after the trouble was seen.
        Instant takenBefore = action == BackupAction.RESTORE && BackupCommand.LATEST.equalsIgnoreCase(backupId)
                ? incident.detectedAt()
                : null;
        BackupCommand command = new BackupCommand(
                CommandIds.of(incident, step),
                action,
                scopes,
                backupId,
                RestoreTargets.ORIGINAL.equals(targets) ? null : targets,
                "incident " + incident.id() + ": " + step.name(),
                "recovery-coordinator",
                clock.instant(),
                takenBefore,
                null);
        try {
            peers.backupRequests().accept(command);
        } catch (RuntimeException e) {
            return ActionResult.failed("backup-service could not be asked: " + e.getMessage());
        }
        return ActionResult.pending(
                action.name().toLowerCase() + " " + scopes + " requested from backup-service as " + command.id());
    }

    /**
     * Whether a step recorded as started at {@code startedAt} took effect, for the actions that leave a trace
     * to check; empty when it cannot be told. A notification can always be requested again: the notifier
     * delivers each id once.
     */
    public Optional<Boolean> tookEffect(Step step, Incident incident, Instant startedAt) {
        Variables variables = variables(incident);
        Function<String, String> p = parameter(step, variables);
        try {
            String ns = p.apply("namespace") == null ? namespace : p.apply("namespace");
            return switch (step.action()) {
                case ROLLOUT_RESTART -> Optional.of(restartedSince(p.apply("deployment"), ns, startedAt));
                case FAIL_OVER -> Optional.of(kubernetes.selects(ns, p.apply("service"), p.apply("to")));
                case NOTIFY -> Optional.of(false);
                default -> Optional.empty();
            };
        } catch (Variables.UnsetVariableException e) {
            return Optional.empty();
        }
    }

    private boolean restartedSince(String names, String ns, Instant startedAt) {
        for (String deployment : named(names, () -> kubernetes.workloads(ns))) {
            Optional<Instant> restartedAt = kubernetes.restartedAt(ns, deployment);
            // The annotation has second precision at best: a restart in the same second counts.
            if (restartedAt.isEmpty() || restartedAt.get().isBefore(startedAt.minusSeconds(1))) {
                return false;
            }
        }
        return true;
    }

    private ActionResult forEach(
            String names, Supplier<List<String>> all, String ns, Function<String, ActionResult> action) {
        List<String> details = new ArrayList<>();
        for (String workload : named(names, all)) {
            ActionResult result = action.apply(workload);
            details.add(result.detail());
            if (!result.succeeded()) {
                return ActionResult.failed(String.join("; ", details));
            }
        }
        return details.isEmpty()
                ? ActionResult.failed("no deployment matched '" + names + "' in " + ns)
                : ActionResult.ok(String.join("; ", details));
    }

    /** {@code *} is all of them (for a restart, every Deployment and StatefulSet); otherwise a comma-separated list. */
    private static List<String> named(String names, Supplier<List<String>> all) {
        if ("*".equals(names)) {
            return all.get();
        }
        return Arrays.stream(names.split(","))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .toList();
    }

    private Variables variables(Incident incident) {
        Map<String, String> own = new LinkedHashMap<>(incident.parameters());
        own.put("component", incident.component());
        return configured.with(own);
    }

    /** A step's parameter, filled in; null when the step has none of that name; empty values count as absent. */
    private static Function<String, String> parameter(Step step, Variables variables) {
        return name -> {
            String value = variables.fill(step.parameters().get(name));
            return value == null || value.isEmpty() ? null : value;
        };
    }
}
