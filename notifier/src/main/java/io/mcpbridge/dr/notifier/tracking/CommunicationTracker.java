package io.mcpbridge.dr.notifier.tracking;

import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.notifier.config.NotifierConfig;
import io.mcpbridge.dr.notifier.delivery.DeliveryResult;
import io.mcpbridge.dr.notifier.delivery.Dispatcher;
import io.mcpbridge.dr.notifier.ledger.DeliveryLedger;
import io.mcpbridge.dr.notifier.ownership.NotifyOwnership;
import io.mcpbridge.dr.notifier.plan.Audience;
import io.mcpbridge.dr.notifier.plan.CommunicationPlan;
import io.mcpbridge.dr.notifier.plan.Durations;
import io.mcpbridge.dr.notifier.template.MessageFacts;
import io.mcpbridge.dr.notifier.template.NotificationView;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps the plan's communication promises for every incident this instance owns: each audience hears by its
 * deadline through its channels, once; open incidents are updated at their cadence and "Next Update" names the
 * time the update comes; a deadline passed unmet reminds the incident commander. Everything it decides follows
 * from the incident's record in the ledger, which it saves before anything is sent, and every message has an id
 * of its own, so a restart (or another instance taking the incident over) neither loses nor repeats one.
 *
 * <p>All of its work runs on one thread: records are read, changed and saved there without locks.
 */
@ApplicationScoped
public class CommunicationTracker {

    private static final Logger LOG = Logger.getLogger(CommunicationTracker.class);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME_TO_THE_SECOND =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final Duration LEDGER_LOAD_WAIT = Duration.ofMinutes(5);
    /** After a step failed, how long before it is tried again (each channel has retried it already). */
    private static final Duration RETRY_PAUSE = Duration.ofMinutes(1);
    /** How long past its deadline an audience whose channels keep failing goes before the commander hears. */
    private static final Duration REMINDER_GRACE = Duration.ofMinutes(1);

    private final CommunicationPlan plan;
    private final CommunicationRecords records;
    private final Dispatcher dispatcher;
    private final NotifyOwnership ownership;
    private final DeliveryLedger ledger;
    private final NotifierConfig.Plan settings;
    private final Clock clock;
    private final Duration tick;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "communication");
        thread.setDaemon(true);
        return thread;
    });
    /** Steps under way, by incident and step key; touched on the loop thread only. */
    private final Set<String> inFlight = new HashSet<>();
    /** Steps that failed, and when they may be tried again; loop thread only. */
    private final Map<String, Instant> pausedUntil = new HashMap<>();

    public CommunicationTracker(
            CommunicationPlan plan,
            CommunicationRecords records,
            Dispatcher dispatcher,
            @Identifier(NotifyOwnership.NAME) NotifyOwnership ownership,
            DeliveryLedger ledger,
            NotifierConfig config,
            Clock clock) {
        this.plan = plan;
        this.records = records;
        this.dispatcher = dispatcher;
        this.ownership = ownership;
        this.ledger = ledger;
        this.settings = config.plan();
        this.clock = clock;
        this.tick = config.plan().tick();
    }

    void start(@Observes StartupEvent event) {
        loop.scheduleWithFixedDelay(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Before the dispatcher's workers stop (lower priority runs first): nothing new is handed to them. */
    void stop(@Observes @Priority(5) ShutdownEvent event) {
        loop.shutdownNow();
    }

    /**
     * Takes a notification request in: an incident's news is saved to its record first (then it cannot be lost),
     * delivered to the internal audience through the matrix, and passed on to the other audiences as the plan
     * says. The future holds the internal channels' permanent failures.
     */
    public CompletableFuture<List<String>> receive(NotificationRequest request) {
        if (request.asked()) {
            return ask(request);
        }
        if (!IncidentCommunication.isIncidentNews(request)) {
            return dispatcher.dispatch(request, facts(null), request.incidentId());
        }
        CompletableFuture<IncidentCommunication> taken;
        try {
            taken = CompletableFuture.supplyAsync(() -> take(request), loop);
        } catch (RejectedExecutionException stopping) {
            // Shutting down: never completed, so never acknowledged; Kafka hands it to whoever runs next.
            return new CompletableFuture<>();
        }
        return taken.thenCompose(record -> {
            CompletableFuture<List<String>> delivered =
                    dispatcher.dispatch(request, facts(record), request.incidentId());
            if (record != null) {
                String incidentId = record.incidentId();
                delivered.thenAccept(failures -> {
                    if (failures.isEmpty()) {
                        onLoop(() -> internalTold(incidentId, record.news()));
                    }
                });
                onLoop(() -> records.find(incidentId).ifPresent(this::work));
            }
            return delivered;
        });
    }

    /**
     * An engineer's words for named audiences: kept in the incident's record (then they cannot be lost) and sent
     * through each audience's channels. Refused, with the reason, when the incident is not tracked here or an
     * audience is not in the plan or out of reach; the internal channels hear of a refusal at once, since the
     * engineer was told their command was accepted.
     */
    private CompletableFuture<List<String>> ask(NotificationRequest request) {
        CompletableFuture<List<String>> taken;
        try {
            taken = CompletableFuture.supplyAsync(
                    () -> {
                        awaitLedger();
                        Optional<IncidentCommunication> known = records.find(request.incidentId());
                        List<String> problems = known.isEmpty()
                                ? List.of("the notifier tracks no incident " + request.incidentId()
                                        + " (it never heard it open, or the record expired)")
                                : request.audiences().stream()
                                        .map(this::whyUnreachable)
                                        .flatMap(Optional::stream)
                                        .toList();
                        if (!problems.isEmpty()) {
                            return problems;
                        }
                        IncidentCommunication asked = known.get().ask(request);
                        if (asked != known.get()) {
                            records.save(asked);
                        }
                        work(asked);
                        return List.<String>of();
                    },
                    loop);
        } catch (RejectedExecutionException stopping) {
            return new CompletableFuture<>();
        }
        return taken.thenCompose(problems -> {
            if (problems.isEmpty()) {
                return CompletableFuture.completedFuture(problems);
            }
            String why = String.join("; ", problems);
            LOG.warnf("%s: not told as asked: %s", request.incidentId(), why);
            return dispatcher
                    .dispatch(Messages.notTold(request, why, clock.instant()), facts(null), request.incidentId())
                    .thenApply(ignored -> problems);
        });
    }

    private Optional<String> whyUnreachable(String name) {
        Optional<Audience> audience = plan.audience(name);
        if (audience.isEmpty()) {
            return Optional.of("the communication plan has no audience '" + name + "' (it has "
                    + String.join(
                            ", ", plan.audiences().stream().map(Audience::name).toList()) + ")");
        }
        boolean reached = audience.get().channels().stream().anyMatch(channel -> dispatcher.reaches(channel, name));
        return reached
                ? Optional.empty()
                : Optional.of("no switched-on channel reaches " + name + " (its channels: "
                        + String.join(", ", audience.get().channels()) + ")");
    }

    /**
     * A notice that comes from elsewhere than {@code mcp-dr.commands.notify} (dead letters): this instance alone has
     * it, whoever owns its key; the internal audience hears it through the matrix.
     */
    public CompletableFuture<List<String>> notice(NotificationRequest request) {
        return dispatcher.dispatch(request, facts(null), null);
    }

    /** Null when the request is about an incident this notifier does not track (it never saw it open). */
    private IncidentCommunication take(NotificationRequest request) {
        awaitLedger();
        Instant now = clock.instant();
        return records.find(request.incidentId())
                .map(known -> {
                    IncidentCommunication next = known.apply(request, plan, now);
                    if (next != known) {
                        records.save(next);
                    }
                    return next;
                })
                .orElseGet(() -> {
                    if (!IncidentCommunication.opens(request)) {
                        return null;
                    }
                    IncidentCommunication opened = IncidentCommunication.opened(request, plan, now);
                    records.save(opened);
                    return opened;
                });
    }

    private void tick() {
        try {
            if (!ledger.awaitLoaded(Duration.ZERO)) {
                return;
            }
            for (IncidentCommunication record : records.all()) {
                if (ownership.owns(record.incidentId())) {
                    work(record);
                }
            }
            for (Digests.Due due : Digests.due(records.all(), plan, clock.instant())) {
                if (ownership.owns(Digests.Due.ownerKey(due.audience()))) {
                    digest(due);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf("communication tick failed, trying again at the next: %s", e.toString());
        }
    }

    private void work(IncidentCommunication record) {
        Instant now = clock.instant();
        List<Obligations.Step> steps = Obligations.due(record, plan, now, dispatcher::reaches, REMINDER_GRACE);
        if (steps.size() == 1 && steps.get(0) instanceof Obligations.UpdateDue) {
            record = record.updateDue(plan, now);
            LOG.infof("%s: update %d due", record.incidentId(), record.updates());
            records.save(record);
            steps = Obligations.due(record, plan, now, dispatcher::reaches, REMINDER_GRACE);
        }
        // An audience being told now (late, after a restart) is not overdue yet: its commander hears only once the
        // attempt failed and waits to be tried again.
        Set<String> beingTold = new HashSet<>();
        for (Obligations.Step step : steps) {
            if (step instanceof Obligations.Tell tell && !paused(record.incidentId() + "|" + step.key(), now)) {
                beingTold.add(tell.audience().name());
            }
        }
        for (Obligations.Step step : steps) {
            String key = record.incidentId() + "|" + step.key();
            if (inFlight.contains(key) || paused(key, now)) {
                continue;
            }
            if (step instanceof Obligations.Tell tell) {
                tell(record, tell, key, now);
            } else if (step instanceof Obligations.Remind remind
                    && !beingTold.contains(remind.audience().name())) {
                remind(record, remind, key, now);
            }
        }
    }

    private boolean paused(String key, Instant now) {
        Instant until = pausedUntil.get(key);
        return until != null && now.isBefore(until);
    }

    private void tell(IncidentCommunication record, Obligations.Tell tell, String key, Instant now) {
        Audience audience = tell.audience();
        NotificationView view = new NotificationView(
                Messages.of(record, tell, now), facts(record).forAudience(audience.name()));
        List<CompletableFuture<DeliveryResult>> sends = new ArrayList<>();
        for (String channel : audience.channels()) {
            // An update says nothing changed, and an engineer's words are not an alert: never a PagerDuty event.
            boolean quiet = tell.update() > 0 || tell.asked() != null;
            if (dispatcher.reaches(channel, audience.name()) && !(quiet && channel.equals("pagerduty"))) {
                sends.add(dispatcher.send(view.request().id(), channel, view));
            }
        }
        inFlight.add(key);
        String incidentId = record.incidentId();
        LOG.infof(
                "%s: telling %s (news %d, update %d, record at news %d, update %d) through %d channel(s)",
                incidentId, audience.name(), tell.news(), tell.update(), record.news(), record.updates(), sends.size());
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .whenComplete((ignored, error) -> onLoop(() -> {
                    inFlight.remove(key);
                    if (sends.stream()
                            .anyMatch(send -> send.getNow(null) != null
                                    && send.getNow(null).handedOver())) {
                        return; // the incident moved to another instance, which tells it from the record
                    }
                    List<String> failures = sends.stream()
                            .map(s -> s.getNow(null))
                            .filter(r -> r == null || !r.ok())
                            .map(r -> r == null ? "not delivered" : r.failure())
                            .toList();
                    if (error != null || !failures.isEmpty()) {
                        pausedUntil.put(key, clock.instant().plus(RETRY_PAUSE));
                        LOG.warnf("%s: %s not told yet: %s", incidentId, audience.name(), failures);
                        return;
                    }
                    pausedUntil.remove(key);
                    // Credited with what the message said when it was composed (record), never with an update
                    // that came meanwhile (latest): that one is still owed to the audience.
                    records.find(incidentId).ifPresent(found -> {
                        IncidentCommunication latest =
                                tell.asked() == null ? found : found.toldAsked(tell.asked(), audience.name());
                        AudienceState state = latest.state(audience.name());
                        AudienceState told = state.told(
                                clock.instant(),
                                Math.max(state.newsSent(), tell.news()),
                                Math.max(state.updatesSent(), tell.update() > 0 ? tell.update() : record.updates()));
                        LOG.infof(
                                "%s: %s told, credited with news %d, update %d",
                                incidentId, audience.name(), told.newsSent(), told.updatesSent());
                        records.save(latest.with(audience.name(), told));
                    });
                }));
    }

    private void digest(Digests.Due due) {
        String key = due.id();
        if (inFlight.contains(key) || pausedUntil.getOrDefault(key, Instant.MIN).isAfter(clock.instant())) {
            return;
        }
        String audience = due.audience().name();
        List<NotificationView> views = due.incidents().stream()
                .map(record ->
                        new NotificationView(record.latest(), facts(record).forAudience(audience)))
                .toList();
        List<CompletableFuture<DeliveryResult>> sends = new ArrayList<>();
        for (String channel : due.audience().channels()) {
            if (dispatcher.carriesDigests(channel)) {
                sends.add(dispatcher.sendDigest(due.id(), channel, audience, views, due.period()));
            }
        }
        if (sends.isEmpty()) {
            return; // no channel of the audience carries digests (the status page): nothing to send, nobody to remind
        }
        inFlight.add(key);
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .whenComplete((ignored, error) -> onLoop(() -> {
                    inFlight.remove(key);
                    boolean delivered = error == null
                            && sends.stream()
                                    .allMatch(s -> s.getNow(null) != null
                                            && s.getNow(null).ok());
                    if (!delivered) {
                        pausedUntil.put(key, clock.instant().plus(RETRY_PAUSE));
                        LOG.warnf("the %s digest for %s was not delivered yet", due.period(), audience);
                        return;
                    }
                    // Credited with what the digest carried, not with news or updates that came meanwhile.
                    for (IncidentCommunication carried : due.incidents()) {
                        records.find(carried.incidentId()).ifPresent(latest -> {
                            AudienceState state = latest.state(audience);
                            records.save(latest.with(
                                    audience,
                                    state.told(
                                            clock.instant(),
                                            Math.max(state.newsSent(), carried.news()),
                                            Math.max(state.updatesSent(), carried.updates()))));
                        });
                    }
                }));
    }

    private void remind(IncidentCommunication record, Obligations.Remind remind, String key, Instant now) {
        String commander = commander(record);
        NotificationView view = new NotificationView(Messages.reminder(record, remind, commander, now), facts(record));
        LOG.warnf("%s: %s", record.incidentId(), view.request().summary());
        List<CompletableFuture<DeliveryResult>> sends = new ArrayList<>();
        for (String channel : List.of("slack", "console")) {
            if (dispatcher.reaches(channel, CommunicationPlan.INTERNAL)) {
                sends.add(dispatcher.send(view.request().id(), channel, view));
            }
        }
        inFlight.add(key);
        String incidentId = record.incidentId();
        String audience = remind.audience().name();
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .whenComplete((ignored, error) -> onLoop(() -> {
                    inFlight.remove(key);
                    // Reminded once, whether or not Slack took it: the log has it, and a reminder loop helps nobody.
                    records.find(incidentId)
                            .ifPresent(latest -> records.save(
                                    latest.with(audience, latest.state(audience).reminded(clock.instant()))));
                }));
    }

    private void internalTold(String incidentId, int news) {
        records.find(incidentId).ifPresent(record -> {
            AudienceState state = record.state(CommunicationPlan.INTERNAL);
            if (!state.told() || state.newsSent() < news) {
                records.save(record.with(
                        CommunicationPlan.INTERNAL,
                        state.told(clock.instant(), Math.max(news, state.newsSent()), state.updatesSent())));
            }
        });
    }

    /** What the notifier fills in for every message of the incident (or of no incident, with {@code null}). */
    private MessageFacts facts(IncidentCommunication record) {
        String bridge =
                settings.bridgeUrl().filter(b -> !b.isBlank()).orElse("none set up: use the incident's Slack thread");
        if (record == null) {
            return new MessageFacts("When something changes", settings.onCall(), bridge, null, null);
        }
        String postmortem = settings.postmortemUrl()
                .filter(u -> !u.isBlank())
                .map(u -> "Postmortem: " + u.replace("{incident}", record.incidentId()))
                .orElse("Postmortem draft: drctl postmortem " + record.incidentId());
        return new MessageFacts(nextUpdate(record), settings.onCall(), bridge, postmortem, null);
    }

    private String nextUpdate(IncidentCommunication record) {
        if (record.resolved()) {
            return "None: the incident is resolved";
        }
        if (record.nextUpdateAt() == null) {
            return "When something changes";
        }
        Instant at = record.nextUpdateAt();
        Duration in = Duration.between(clock.instant(), at);
        String time = (at.getEpochSecond() % 60 == 0 ? TIME : TIME_TO_THE_SECOND).format(at);
        return time + (in.toSeconds() < 1 ? "" : " (in " + Durations.describe(roundToMinute(in)) + ")");
    }

    private String commander(IncidentCommunication record) {
        String named = record.latest().incidentCommander();
        return named == null || named.isBlank() ? settings.onCall() : named;
    }

    private static Duration roundToMinute(Duration duration) {
        return duration.toSeconds() < 60
                ? Duration.ofSeconds(duration.toSeconds())
                : Duration.ofMinutes((duration.toSeconds() + 30) / 60);
    }

    private void awaitLedger() {
        try {
            if (!ledger.awaitLoaded(LEDGER_LOAD_WAIT)) {
                LOG.warnf("delivery ledger not loaded after %s; tracking anyway", LEDGER_LOAD_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onLoop(Runnable task) {
        try {
            loop.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.errorf("communication step failed: %s", e.toString());
                }
            });
        } catch (RejectedExecutionException stopping) {
            // Shutting down: what was not recorded is done again by whoever runs next (the ids keep it once).
        }
    }
}
