package io.mcpbridge.dr.backup.intake;

import io.mcpbridge.dr.backup.archive.ArchiveIntegrityException;
import io.mcpbridge.dr.backup.archive.Progress;
import io.mcpbridge.dr.backup.config.BackupConfig;
import io.mcpbridge.dr.backup.lease.HeldLeases;
import io.mcpbridge.dr.backup.lease.LeasedScopes;
import io.mcpbridge.dr.backup.lease.ScopeLeases;
import io.mcpbridge.dr.backup.metrics.BackupAgeGauges;
import io.mcpbridge.dr.backup.metrics.BackupMetrics;
import io.mcpbridge.dr.backup.notice.FailureNotices;
import io.mcpbridge.dr.backup.operation.BackupContext;
import io.mcpbridge.dr.backup.operation.BackupPruner;
import io.mcpbridge.dr.backup.operation.BackupRequest;
import io.mcpbridge.dr.backup.operation.BackupRestore;
import io.mcpbridge.dr.backup.operation.BackupTaker;
import io.mcpbridge.dr.backup.operation.BackupVerifier;
import io.mcpbridge.dr.backup.operation.OperationFailedException;
import io.mcpbridge.dr.backup.operation.Outcome;
import io.mcpbridge.dr.backup.operation.PartialRestoreException;
import io.mcpbridge.dr.backup.operation.RestoreCheck;
import io.mcpbridge.dr.backup.operation.TargetDiscard;
import io.mcpbridge.dr.backup.store.RetentionPolicy;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupPhase;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.json.EventJson;
import io.mcpbridge.dr.events.json.MalformedEventException;
import io.mcpbridge.dr.events.trust.RecordSigner;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Runs one command at a time and tells the world: STARTED, PROGRESS at a steady pace, then SUCCEEDED or
 * FAILED. Before it runs, a command takes the {@link ScopeLeases leases} of the scopes it touches, so commands
 * handled by other instances (other partitions) never touch the same scope at the same time; while it waits
 * for them, its PROGRESS says for whom. The terminal result is also kept in the store under the command's id, so a command delivered
 * again (a restart before the offset was committed) is answered from that record, not run twice.
 */
@ApplicationScoped
public class CommandRunner {

    private static final Logger LOG = Logger.getLogger(CommandRunner.class);
    static final String SOURCE = "/mcp-dr/backup-service";

    private final BackupContext context;
    private final RetentionPolicy retention;
    private final BackupConfig config;
    private final EventSender sender;
    private final ScopeLeases leases;
    private final BackupMetrics metrics;
    private final BackupAgeGauges ages;
    private final Clock clock;
    /** The service's own signer name: the commands it signed itself are its schedules. */
    private final String self;

    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "backup-progress");
        thread.setDaemon(true);
        return thread;
    });

    public CommandRunner(
            BackupContext context,
            RetentionPolicy retention,
            BackupConfig config,
            EventSender sender,
            ScopeLeases leases,
            BackupMetrics metrics,
            BackupAgeGauges ages,
            Clock clock,
            RecordSigner signer) {
        this.leases = leases;
        this.self = signer.name();
        this.context = context;
        this.retention = retention;
        this.config = config;
        this.sender = sender;
        this.metrics = metrics;
        this.ages = ages;
        this.clock = clock;
    }

    /** Runs the command (blocking) and returns its terminal result. */
    public synchronized BackupResult run(BackupCommand command) {
        Optional<BackupResult> earlier = recorded(command.id());
        if (earlier.isPresent()) {
            LOG.infof(
                    "command %s was already done (%s); its result is published again",
                    command.id(), earlier.get().phase());
            publish(earlier.get(), "again");
            return earlier.get();
        }
        List<BackupScope> scopes =
                command.action().takesNew() && command.scopes().isEmpty() ? config.scopes() : command.scopes();
        String knownId = command.action().takesNew()
                        || command.action() == BackupAction.PRUNE
                        || command.action() == BackupAction.DISCARD
                ? null
                : command.backupId();
        Instant received = clock.instant();
        AtomicLong sequence = new AtomicLong();
        HeldLeases held;
        try {
            // While the command waits for another's scopes, its progress says for whom; STARTED means started.
            held = leases.acquire(
                    LeasedScopes.of(command.action(), scopes),
                    command.id(),
                    command.action().name().toLowerCase(Locale.ROOT),
                    config.leases().maxWait(),
                    waiting -> publish(
                            result(
                                    command,
                                    BackupPhase.PROGRESS,
                                    knownId,
                                    scopes,
                                    new Progress(),
                                    received,
                                    null,
                                    waiting),
                            String.valueOf(sequence.incrementAndGet())));
        } catch (InterruptedException e) {
            // The instance is stopping: nothing ran and nothing is recorded, so the command sent again runs.
            Thread.currentThread().interrupt();
            BackupResult stopped = result(
                    command,
                    BackupPhase.FAILED,
                    knownId,
                    scopes,
                    new Progress(),
                    received,
                    null,
                    "the instance stopped while the command waited for its scopes; nothing was done");
            publish(stopped, null);
            return stopped;
        } catch (IOException e) {
            String reason = reason(e);
            LOG.warnf("%s %s did not run: %s", command.action(), command.id(), reason);
            return finish(
                    command,
                    result(command, BackupPhase.FAILED, knownId, scopes, new Progress(), received, null, reason),
                    received);
        }
        metrics.waitedForScopes(Duration.between(received, clock.instant()));
        try (held) {
            Optional<BackupResult> meanwhile = recorded(command.id());
            if (meanwhile.isPresent()) {
                // The instance that handled this partition before ran it while this one waited: that stands.
                LOG.infof(
                        "command %s was done meanwhile by another instance (%s)",
                        command.id(), meanwhile.get().phase());
                publish(meanwhile.get(), "again");
                return meanwhile.get();
            }
            BackupResult terminal = runHolding(command, scopes, knownId, sequence);
            held.lost().ifPresent(lost -> metrics.leaseLost());
            return terminal;
        }
    }

    /** Runs the command, whose scopes are held, from STARTED to its terminal result. */
    private BackupResult runHolding(
            BackupCommand command, List<BackupScope> scopes, String knownId, AtomicLong sequence) {
        Instant started = clock.instant();
        publish(result(command, BackupPhase.STARTED, knownId, scopes, new Progress(), started, null, null), null);
        Progress progress = new Progress();
        ScheduledFuture<?> reporting = ticker.scheduleAtFixedRate(
                () -> publish(
                        result(command, BackupPhase.PROGRESS, knownId, scopes, progress, started, null, null),
                        String.valueOf(sequence.incrementAndGet())),
                config.progressInterval().toMillis(),
                config.progressInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        BackupResult terminal;
        try {
            Outcome outcome = execute(command, scopes, progress);
            terminal = result(
                    command,
                    BackupPhase.SUCCEEDED,
                    outcome.backupId(),
                    outcome.scopes(),
                    progress,
                    started,
                    outcome,
                    outcome.note());
            if (command.action() == BackupAction.BACKUP) {
                metrics.backedUp(outcome.scopes(), clock.instant(), outcome.sizeBytes());
            }
            if (command.action() == BackupAction.VERIFY) {
                ages.refreshQuietly(); // the verified backup's scopes may now be younger
            }
        } catch (PartialRestoreException e) {
            LOG.warnf("%s %s is partial: %s", command.action(), command.id(), e.getMessage());
            terminal = result(
                    command,
                    BackupPhase.PARTIAL,
                    knownId,
                    scopes,
                    progress,
                    started,
                    new Outcome(knownId, scopes, e.counts(), null, null, null, null, null),
                    e.getMessage());
        } catch (Exception e) {
            String reason = reason(e);
            LOG.warnf("%s %s failed: %s", command.action(), command.id(), reason);
            terminal = result(command, BackupPhase.FAILED, knownId, scopes, progress, started, null, reason);
        } finally {
            reporting.cancel(false);
        }
        return finish(command, terminal, started);
    }

    /** Counts, records and publishes a terminal result. */
    private BackupResult finish(BackupCommand command, BackupResult terminal, Instant started) {
        metrics.operation(
                command.action(),
                terminal.phase() == BackupPhase.SUCCEEDED,
                Duration.between(started, clock.instant()));
        record(terminal);
        publish(terminal, null);
        // A failed backup or verification reaches people, not only the result topic (the same id every time).
        FailureNotices.forResult(terminal, clock.instant())
                .ifPresent(notice -> sender.send(new EventEnvelope(
                        notice.id(),
                        EventType.NOTIFY_REQUESTED,
                        SOURCE,
                        notice.incidentId(),
                        notice.requestedAt(),
                        notice)));
        return terminal;
    }

    private Outcome execute(BackupCommand command, List<BackupScope> scopes, Progress progress) throws IOException {
        // Leased by the caller: no other command touches these scopes on any instance while this runs.
        return switch (command.action()) {
            case BACKUP ->
                new BackupTaker(context)
                        .take(
                                new BackupRequest(
                                        scopes,
                                        context.sources(),
                                        self.equals(command.requestedBy())
                                                ? BackupIndex.Purpose.SCHEDULED
                                                : BackupIndex.Purpose.MANUAL,
                                        false,
                                        command.reason(),
                                        command.requestedBy()),
                                progress);
            case FORENSIC ->
                new BackupTaker(context)
                        .take(
                                new BackupRequest(
                                        scopes,
                                        context.sources(),
                                        BackupIndex.Purpose.FORENSIC,
                                        true,
                                        command.reason(),
                                        command.requestedBy()),
                                progress);
            case VERIFY -> new BackupVerifier(context).verify(command.backupId(), progress);
            case RESTORE ->
                new BackupRestore(context)
                        .restore(
                                command.backupId(),
                                command.takenBefore(),
                                scopes,
                                command.targets(),
                                command.reason(),
                                command.requestedBy(),
                                progress);
            case PRUNE ->
                command.dryRunRequested()
                        ? new BackupPruner(context, retention).dryRun()
                        : new BackupPruner(context, retention).prune();
            case CHECK -> new RestoreCheck(context).check(command.backupId(), scopes, command.targets(), progress);
            case DISCARD -> new TargetDiscard(context).discard(command.targets());
        };
    }

    /** A reason fit for the result: what went wrong, without stack traces or configuration values. */
    static String reason(Exception e) {
        if (e instanceof OperationFailedException
                || e instanceof ArchiveIntegrityException
                || e instanceof IllegalArgumentException
                || e instanceof MalformedEventException) {
            return e.getMessage();
        }
        if (e instanceof IOException) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return "unexpected " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private BackupResult result(
            BackupCommand command,
            BackupPhase phase,
            String backupId,
            List<BackupScope> scopes,
            Progress progress,
            Instant started,
            Outcome outcome,
            String reason) {
        Instant now = clock.instant();
        return new BackupResult(
                command.id(),
                command.action(),
                phase,
                backupId,
                scopes,
                progress.bytes(),
                progress.entries(),
                outcome == null ? null : outcome.sizeBytes(),
                Duration.between(started, now).toMillis(),
                outcome == null ? Map.of() : outcome.counts(),
                outcome == null ? null : outcome.ciphertextSha256(),
                outcome == null ? null : outcome.forensicBackupId(),
                reason,
                now,
                outcome == null ? null : outcome.backupIds());
    }

    private void publish(BackupResult result, String suffix) {
        String id =
                result.commandId() + ":" + result.phase().name().toLowerCase() + (suffix == null ? "" : ":" + suffix);
        String key = result.backupId() != null ? result.backupId() : result.commandId();
        sender.send(new EventEnvelope(id, EventType.BACKUP_RESULT, SOURCE, key, result.time(), result));
    }

    /** The terminal result of a command, if any instance recorded one. */
    public Optional<BackupResult> recorded(String commandId) {
        try {
            return context.store()
                    .get(context.layout().commandKey(commandId))
                    .map(bytes -> EventJson.fromBytes(bytes, BackupResult.class));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("whether command %s was done before cannot be read: %s", commandId, e.getMessage());
            return Optional.empty();
        }
    }

    private void record(BackupResult terminal) {
        try {
            if (!context.store()
                    .create(context.layout().commandKey(terminal.commandId()), EventJson.toBytes(terminal))) {
                LOG.warnf("command %s had a recorded result already; the first one stands", terminal.commandId());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("the result of command %s could not be recorded: %s", terminal.commandId(), e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
    }
}
