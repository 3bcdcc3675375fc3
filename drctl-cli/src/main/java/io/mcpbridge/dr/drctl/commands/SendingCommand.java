package io.mcpbridge.dr.drctl.commands;

import io.mcpbridge.dr.drctl.DrctlException;
import io.mcpbridge.dr.drctl.ExitCodes;
import io.mcpbridge.dr.drctl.output.OutputFormat;
import io.mcpbridge.dr.drctl.output.Structured;
import io.mcpbridge.dr.drctl.send.CommandDelivery;
import io.mcpbridge.dr.drctl.send.EngineerKey;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.command.CommandOutcome;
import io.mcpbridge.dr.events.trust.RecordSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * A command that makes the system act: signed with the engineer's key, published, and by default waited on
 * until the service that handles it answers (accepted, refused, not run), or {@code --timeout} passes.
 */
public abstract class SendingCommand extends DrctlCommand {

    /** Where the commands drctl sends say they come from. */
    protected static final String SOURCE = "/mcp-dr/drctl";

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why: written on the incident's timeline.")
    protected String reason;

    @Option(names = "--dry-run", description = "Run everything but the effect (the service records what it would do).")
    protected boolean dryRun;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "30s",
            description = "How long to wait for the answer (default: ${DEFAULT-VALUE}).")
    protected Duration timeout;

    @Option(names = "--no-wait", description = "Publish and return without waiting for the answer.")
    protected boolean noWait;

    /** The answer to the command sent, once it came. */
    private CommandOutcome answer;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "How to print the answer: table (lines), json or yaml.")
    protected OutputFormat output;

    protected static String newCommandId(String action) {
        return "cmd-" + action + "-" + UUID.randomUUID();
    }

    /**
     * Asks the person to type {@code expected} back, unless {@code --yes} or a dry run.
     *
     * @throws DrctlException when nobody confirmed
     */
    protected void confirm(boolean yes, String what, String expected) {
        if (yes || dryRun) {
            return;
        }
        Optional<Boolean> confirmed = terminal.confirm(what, expected);
        if (confirmed.isEmpty()) {
            throw new DrctlException(
                    ExitCodes.REFUSED, what + "\n  not on a terminal, so nobody can confirm: pass --yes to confirm");
        }
        if (!confirmed.get()) {
            throw new DrctlException(ExitCodes.REFUSED, "not confirmed; nothing was sent");
        }
    }

    protected RecordSigner signer() {
        return EngineerKey.signer(connection.settings());
    }

    /**
     * Publishes {@code command} (signed) and, unless {@code --no-wait}, waits for its outcome.
     *
     * @param then what to do after an ACCEPTED outcome (follow a backup's results); returns the exit code
     */
    protected int send(EventEnvelope command, boolean backup, Function<CommandDelivery, Integer> then) {
        RecordSigner signer = signer();
        Instant deadline = Instant.now().plus(timeout);
        try (CommandDelivery delivery =
                CommandDelivery.open(kafka(), command.id(), backup ? followedTopics() : List.of())) {
            delivery.publish(command, signer);
            if (noWait) {
                terminal.println("sent " + command.id() + " as " + signer.name());
                return ExitCodes.DONE;
            }
            terminal.note(terminal.dim("sent " + command.id() + " as " + signer.name() + ", waiting for the answer"));
            Optional<CommandOutcome> outcome = delivery.outcome(deadline);
            if (outcome.isEmpty()) {
                terminal.note(terminal.yellow("no answer to " + command.id() + " within " + timeout.toSeconds() + " s")
                        + "\n  it may still run: is the service up? drctl status shows what happened");
                return ExitCodes.TIMED_OUT;
            }
            answer = outcome.get();
            int code = report(answer, backup);
            return code == ExitCodes.DONE ? then.apply(delivery) : code;
        } catch (RuntimeException e) {
            if (e instanceof DrctlException) {
                throw e;
            }
            throw new DrctlException(
                    ExitCodes.FAILED,
                    kafka().explain(e, "sending " + command.id()).getMessage());
        }
    }

    /** Where the work an accepted command starts is followed: backup-service's results, unless told otherwise. */
    protected List<String> followedTopics() {
        return List.of(Topics.BACKUP_RESULTS);
    }

    /** Whether an accepted command starts work worth following (a runbook), so the answer says how. */
    protected boolean startsRunbook() {
        return false;
    }

    /** The service's answer to the command, once it came. */
    protected CommandOutcome answer() {
        return answer;
    }

    /**
     * Prints the outcome; its exit code. As JSON or YAML, an accepted command that is followed further (a backup
     * command's results) is printed once, whole, at its end.
     */
    private int report(CommandOutcome outcome, boolean followed) {
        if (output != OutputFormat.TABLE && !(followed && outcome.verdict() == CommandOutcome.Verdict.ACCEPTED)) {
            terminal.println(Structured.render(outcome, output));
        }
        String incident = outcome.incidentId() == null ? "" : " (incident " + outcome.incidentId() + ")";
        String reasonText = outcome.reason() == null ? "" : ": " + outcome.reason();
        return switch (outcome.verdict()) {
            case ACCEPTED -> {
                if (output == OutputFormat.TABLE) {
                    terminal.println(terminal.green("accepted") + " by " + outcome.handledBy() + reasonText + incident);
                    if (outcome.incidentId() != null && startsRunbook()) {
                        terminal.println("  follow it: drctl follow " + outcome.incidentId());
                    }
                }
                yield ExitCodes.DONE;
            }
            case REFUSED -> {
                terminal.note(terminal.red("refused") + " by " + outcome.handledBy() + reasonText);
                yield ExitCodes.REFUSED;
            }
            case NOT_RUN -> {
                terminal.note(terminal.yellow("not run") + " by " + outcome.handledBy() + reasonText + incident);
                yield ExitCodes.REFUSED;
            }
        };
    }
}
