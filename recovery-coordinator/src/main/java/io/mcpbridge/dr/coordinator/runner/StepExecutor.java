package io.mcpbridge.dr.coordinator.runner;

import io.mcpbridge.dr.coordinator.action.ActionResult;
import io.mcpbridge.dr.coordinator.action.KubernetesActions;
import io.mcpbridge.dr.coordinator.action.ShellAction;
import io.mcpbridge.dr.coordinator.runbook.Step;
import io.mcpbridge.dr.events.incident.Incident;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one step's action for an incident, with the step's parameters filled in ({@code ${component}},
 * {@code ${namespace}}), and says afterwards whether a step recorded as started actually took effect (for
 * resuming after a crash). A component name must be a plain name ({@code [a-z0-9-]}) before it goes into
 * any parameter; a host command is the runbook's words, each filled in on its own and run without a shell.
 * Actions that go through backup-service or the notifier are not wired yet and fail with that reason.
 */
public final class StepExecutor {

    private static final java.util.regex.Pattern PLAIN_NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final KubernetesActions kubernetes;
    private final String namespace;
    private final Optional<io.mcpbridge.dr.coordinator.action.SessionRevoker> sessions;
    private final java.util.function.Consumer<io.mcpbridge.dr.events.backup.BackupCommand> backupRequests;

    /**
     * @param kubernetes the cluster's actions
     * @param namespace  the MCP Bridge namespace
     * @param sessions   the session store's revoker, when one is configured
     * @param backupRequests publishes a command to backup-service (durably; throws when it cannot)
     */
    public StepExecutor(KubernetesActions kubernetes, String namespace,
            Optional<io.mcpbridge.dr.coordinator.action.SessionRevoker> sessions,
            java.util.function.Consumer<io.mcpbridge.dr.events.backup.BackupCommand> backupRequests) {
        this.kubernetes = kubernetes;
        this.namespace = namespace;
        this.sessions = sessions;
        this.backupRequests = backupRequests;
    }

    /** The id of the backup-service command a step issues: the incident and the step, so a retry is the same command. */
    public static String backupCommandId(Incident incident, Step step) {
        return incident.id() + ":" + step.name();
    }

    public ActionResult execute(Step step, Incident incident) {
        if (!PLAIN_NAME.matcher(incident.component()).matches()) {
            return ActionResult.failed("component name '" + incident.component() + "' is not a plain name: not acted on");
        }
        Map<String, String> p = step.parameters();
        String ns = fill(p.getOrDefault("namespace", namespace), incident);
        return switch (step.action()) {
            case ROLLOUT_RESTART -> forEachDeployment(fill(p.get("deployment"), incident), ns,
                    deployment -> kubernetes.rolloutRestart(ns, deployment));
            case ROLLOUT_UNDO -> forEachDeployment(fill(p.get("deployment"), incident), ns,
                    deployment -> kubernetes.rolloutUndo(ns, deployment));
            case SCALE -> kubernetes.scale(ns, fill(p.get("deployment"), incident), Integer.parseInt(p.get("replicas")));
            case DELETE_PODS -> kubernetes.deletePods(ns, fill(p.get("deployment"), incident));
            case ROTATE_CREDENTIALS -> kubernetes.rotateSecret(ns, fill(p.get("secret"), incident), p.get("key"));
            case SHELL -> ShellAction.run(Arrays.stream(p.get("command").strip().split("\\s+"))
                    .map(word -> fill(word, incident)).toList(), step.timeout());
            case ESCALATE -> ActionResult.ok("escalation requested by the runbook");
            case VERIFY -> throw new IllegalArgumentException("verification is not an action");
            case REVOKE_SESSIONS -> sessions.map(revoker -> revoker.revoke(p.get("pattern")))
                    .orElse(ActionResult.failed("no session store is configured (mcpdr.coordinator.redis.url)"));
            case RESTORE_BACKUP -> requestBackup(step, incident, io.mcpbridge.dr.events.backup.BackupAction.RESTORE,
                    p.getOrDefault("backup", "latest"));
            case FORENSIC_SNAPSHOT -> requestBackup(step, incident, io.mcpbridge.dr.events.backup.BackupAction.BACKUP,
                    null);
            case FAIL_OVER, NOTIFY ->
                    ActionResult.failed(step.action().fileName() + " is not available in this version of the coordinator");
        };
    }

    private ActionResult requestBackup(Step step, Incident incident, io.mcpbridge.dr.events.backup.BackupAction action,
            String backupId) {
        List<io.mcpbridge.dr.events.backup.BackupScope> scopes = Arrays.stream(step.parameters().get("scopes").split(","))
                .map(String::strip).filter(scope -> !scope.isEmpty())
                .map(io.mcpbridge.dr.events.backup.BackupScope::of).toList();
        io.mcpbridge.dr.events.backup.BackupCommand command = new io.mcpbridge.dr.events.backup.BackupCommand(
                backupCommandId(incident, step), action, scopes, backupId, null,
                "incident " + incident.id() + ": " + step.name(), "recovery-coordinator", java.time.Instant.now());
        try {
            backupRequests.accept(command);
        } catch (RuntimeException e) {
            return ActionResult.failed("backup-service could not be asked: " + e.getMessage());
        }
        return ActionResult.pending(action.name().toLowerCase() + " " + scopes + " requested from backup-service as "
                + command.id());
    }

    /**
     * Whether a step recorded as started at {@code startedAt} took effect, for the actions that leave a trace
     * to check; empty when it cannot be told.
     */
    public Optional<Boolean> tookEffect(Step step, Incident incident, Instant startedAt) {
        if (step.action() != io.mcpbridge.dr.coordinator.runbook.Action.ROLLOUT_RESTART) {
            return Optional.empty();
        }
        String ns = fill(step.parameters().getOrDefault("namespace", namespace), incident);
        for (String deployment : deployments(fill(step.parameters().get("deployment"), incident), ns)) {
            Optional<Instant> restartedAt = kubernetes.restartedAt(ns, deployment);
            // The annotation has second precision at best: a restart in the same second counts.
            if (restartedAt.isEmpty() || restartedAt.get().isBefore(startedAt.minusSeconds(1))) {
                return Optional.of(false);
            }
        }
        return Optional.of(true);
    }

    private ActionResult forEachDeployment(String names, String ns, java.util.function.Function<String, ActionResult> action) {
        List<String> details = new ArrayList<>();
        for (String deployment : deployments(names, ns)) {
            ActionResult result = action.apply(deployment);
            details.add(result.detail());
            if (!result.succeeded()) {
                return ActionResult.failed(String.join("; ", details));
            }
        }
        return details.isEmpty() ? ActionResult.failed("no deployment matched '" + names + "' in " + ns)
                : ActionResult.ok(String.join("; ", details));
    }

    /** {@code *} is every Deployment of the namespace; otherwise a comma-separated list. */
    private List<String> deployments(String names, String ns) {
        if ("*".equals(names)) {
            return kubernetes.deployments(ns);
        }
        return Arrays.stream(names.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
    }

    private String fill(String template, Incident incident) {
        return template == null ? null
                : template.replace("${component}", incident.component()).replace("${namespace}", namespace);
    }
}
