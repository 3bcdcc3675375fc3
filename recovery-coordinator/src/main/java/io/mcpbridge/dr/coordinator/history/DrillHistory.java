package io.mcpbridge.dr.coordinator.history;

import io.mcpbridge.dr.events.CloudEventHeaders;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.drill.DrillResult;
import io.mcpbridge.dr.events.drill.DrillStart;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.json.MalformedEventException;
import io.mcpbridge.dr.events.kafka.TopicReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The drills that ran, read from {@code mcp-dr.drills}: every coordinator replica knows which drill runs are done
 * (so a scheduled period runs once, wherever its owner moves), and hands each result on (the drill metrics). The
 * last {@code lookback} is read to its end on a thread of its own (the start does not wait for the broker), then
 * the topic is followed; {@link #ready()} says when the first part is done. Only results signed by the
 * coordinator count.
 */
public final class DrillHistory implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DrillHistory.class);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(1);

    private final Believed believed;
    private final Map<String, Object> kafkaConfig;
    private final Consumer<DrillResult> results;
    private final Set<String> done = ConcurrentHashMap.newKeySet();
    /** The offset of the first start of each drill run: of two replicas that began one, that one goes on. */
    private final Map<String, Long> firstStart = new ConcurrentHashMap<>();
    /** Drills begun (here or elsewhere) without a result yet, with the moment they end at the latest. */
    private final Map<String, Instant> running = new ConcurrentHashMap<>();

    private final Set<String> handedOn = ConcurrentHashMap.newKeySet();
    private final Thread reader;
    private volatile TopicFollower follower;
    private volatile boolean ready;
    private volatile boolean closed;

    private DrillHistory(
            Map<String, Object> kafkaConfig,
            Believed believed,
            Duration lookback,
            Clock clock,
            Consumer<DrillResult> results) {
        this.believed = believed;
        this.results = results;
        this.kafkaConfig = kafkaConfig;
        Instant since = clock.instant().minus(lookback);
        this.reader = new Thread(() -> readThenFollow(kafkaConfig, since, clock), "recovery-coordinator-drills-read");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    private void readThenFollow(Map<String, Object> kafkaConfig, Instant since, Clock clock) {
        Instant readUntil = clock.instant();
        try {
            TopicReader.readToEnd(kafkaConfig, Topics.DRILLS, Optional.of(since), READ_TIMEOUT, this::read);
        } catch (RuntimeException e) {
            LOG.warnf("the drills run before could not be read (%s): a scheduled drill may run again", e.getMessage());
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            follower = TopicFollower.start(
                    kafkaConfig,
                    Topics.DRILLS,
                    "recovery-coordinator-drills",
                    TopicFollower.Start.since(() -> readUntil),
                    this::read);
        }
        ready = true;
    }

    /** Whether the drills of the lookback were read: before, which periods ran is not known yet. */
    public boolean ready() {
        return ready;
    }

    public static DrillHistory start(
            Map<String, Object> kafkaConfig,
            Believed believed,
            Duration lookback,
            Clock clock,
            Consumer<DrillResult> results) {
        return new DrillHistory(kafkaConfig, believed, lookback, clock, results);
    }

    /**
     * Whether the drill run of this id is taken at {@code now}: done (its result published), or begun on some replica
     * and not past its deadline (a replica that died mid-drill leaves a start without a result).
     */
    public boolean taken(String drillId, Instant now) {
        Instant deadline = running.get(drillId);
        return done.contains(drillId) || (deadline != null && now.isBefore(deadline));
    }

    /**
     * Reads the topic from {@code since} to its end now, on the caller's thread: what another replica began a moment
     * ago is known before this one decides (the follower may not have handed it on yet).
     *
     * @throws IllegalStateException when the topic cannot be read in time
     */
    public void catchUp(Instant since) {
        TopicReader.readToEnd(kafkaConfig, Topics.DRILLS, Optional.of(since), READ_TIMEOUT, this::read);
    }

    /** The offset of the first start of the run on the topic, once read. */
    public Optional<Long> firstStart(String drillId) {
        return Optional.ofNullable(firstStart.get(drillId));
    }

    /** A drill this replica begins, known before the topic hands its start back. */
    public void started(DrillStart start) {
        running.put(start.id(), start.deadline());
    }

    /** A result this replica published, known before the topic hands it back. */
    public void ran(String drillId) {
        done.add(drillId);
        running.remove(drillId);
    }

    private void read(ConsumerRecord<String, byte[]> record) {
        Optional<String> type = EventRecords.header(record.headers(), CloudEventHeaders.TYPE);
        boolean completed =
                type.filter(EventType.DRILL_COMPLETED.typeName()::equals).isPresent();
        boolean started =
                type.filter(EventType.DRILL_STARTED.typeName()::equals).isPresent();
        if (record.value() == null || !(completed || started) || !believed.believes(record)) {
            return;
        }
        try {
            Object payload = EventRecords.fromRecord(record).payload();
            if (payload instanceof DrillStart start) {
                readStart(start, record.offset());
            } else {
                readResult((DrillResult) payload);
            }
        } catch (MalformedEventException | ClassCastException e) {
            LOG.warnf(
                    "unreadable drill record at %s-%d@%d ignored: %s",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    /** Starts of one drill type share a key, so one partition: the lowest offset is the first start. */
    private void readStart(DrillStart start, long offset) {
        LOG.debugf("drill %s was begun by %s (offset %d)", start.id(), start.requestedBy(), offset);
        firstStart.merge(start.id(), offset, Math::min);
        if (!done.contains(start.id())) {
            running.merge(start.id(), start.deadline(), (mine, theirs) -> mine.isAfter(theirs) ? mine : theirs);
        }
    }

    private void readResult(DrillResult result) {
        done.add(result.id());
        running.remove(result.id());
        // Read at start and again by the follower: each result is handed on once.
        if (handedOn.add(result.id())) {
            results.accept(result);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        reader.interrupt();
        if (follower != null) {
            follower.close();
        }
    }
}
