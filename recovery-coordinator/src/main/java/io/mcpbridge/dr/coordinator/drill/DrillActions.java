package io.mcpbridge.dr.coordinator.drill;

import io.mcpbridge.dr.coordinator.action.ActionResult;
import io.mcpbridge.dr.coordinator.action.KubernetesActions;
import io.mcpbridge.dr.coordinator.action.ShellAction;
import io.mcpbridge.dr.coordinator.publish.EventSender;
import io.mcpbridge.dr.coordinator.publish.IncidentPublisher;
import io.mcpbridge.dr.coordinator.runner.Variables;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.incident.RecoveryAction;
import io.mcpbridge.dr.events.incident.RecoveryCommand;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the drills that break something act: maintenance windows as signed commands to the replica that owns the
 * target (whichever it is), and their actions (a rollout restart, a host command, a Service switched to another
 * Deployment) through the same Kubernetes and host actions the runbooks use, with the same variables
 * ({@code ${namespace}}, the operator's).
 */
final class DrillActions implements DisruptiveDrill.Peers {

    private static final Duration SHELL_TIMEOUT = Duration.ofMinutes(2);

    private final KubernetesActions kubernetes;
    private final String namespace;
    private final Map<String, String> variables;
    private final EventSender sender;
    private final Clock clock;

    DrillActions(
            KubernetesActions kubernetes,
            String namespace,
            Map<String, String> variables,
            EventSender sender,
            Clock clock) {
        this.kubernetes = kubernetes;
        this.namespace = namespace;
        this.variables = variables;
        this.sender = sender;
        this.clock = clock;
    }

    @Override
    public String maintenance(String drillId, String target, RecoveryAction action, Duration duration) {
        Instant now = clock.instant();
        String id = drillId + ":" + action.name().toLowerCase(Locale.ROOT).replace('_', '-');
        RecoveryCommand command = new RecoveryCommand(
                id,
                action,
                target,
                null,
                null,
                List.of(),
                "drill " + drillId,
                "recovery-coordinator",
                false,
                false,
                duration,
                now,
                List.of());
        sender.send(
                new EventEnvelope(id, EventType.RECOVERY_REQUESTED, IncidentPublisher.SOURCE, target, now, command));
        return id;
    }

    @Override
    public ActionResult act(DrillDefinition.Action restart) {
        Variables filled = new Variables(variables).with(Map.of("namespace", namespace));
        String ns = restart.parameters().containsKey("namespace")
                ? filled.fill(restart.parameters().get("namespace"))
                : namespace;
        return switch (restart.action()) {
            case FAIL_OVER ->
                kubernetes.failOver(
                        ns,
                        filled.fill(restart.parameters().get("service")),
                        filled.fill(restart.parameters().get("to")));
            case ROLLOUT_RESTART -> {
                List<String> details = new ArrayList<>();
                for (String deployment :
                        filled.fill(restart.parameters().get("deployment")).split(",")) {
                    ActionResult result = kubernetes.rolloutRestart(ns, deployment.strip());
                    details.add(result.detail());
                    if (!result.succeeded()) {
                        yield ActionResult.failed(String.join("; ", details));
                    }
                }
                yield ActionResult.ok(String.join("; ", details));
            }
            case SHELL ->
                ShellAction.run(
                        Arrays.stream(restart.parameters()
                                        .get("command")
                                        .strip()
                                        .split("\\s+"))
                                .map(filled::fill)
                                .toList(),
                        SHELL_TIMEOUT);
            default -> ActionResult.failed(restart.action().fileName() + " is not a drill's action");
        };
    }
}
