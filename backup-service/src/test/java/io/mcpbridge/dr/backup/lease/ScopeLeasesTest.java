package io.mcpbridge.dr.backup.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.dr.backup.store.BucketLayout;
import io.mcpbridge.dr.backup.store.S3ObjectStore;
import io.mcpbridge.dr.backup.support.Contexts;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.testing.S3Server;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scope leases in a real S3 server, between instances that share nothing but the bucket: one holder per scope at
 * a time, all of a command's scopes or none, a dead holder's lease lapses, a live one's does not.
 */
class ScopeLeasesTest {

    private static final Duration TTL = Duration.ofSeconds(2);

    private static S3Server s3;
    private static S3ObjectStore store;
    private BucketLayout layout;
    private final List<ScopeLeases> instances = new ArrayList<>();

    @BeforeAll
    static void startS3() {
        s3 = S3Server.start();
        store = Contexts.s3Store(s3);
    }

    @AfterAll
    static void stopS3() {
        store.close();
        s3.close();
    }

    @BeforeEach
    void freshPrefix() {
        // Each test in a prefix of its own: the leases of one cannot be seen by another.
        layout = new BucketLayout("t" + System.nanoTime() + "/");
    }

    @AfterEach
    void stopInstances() {
        instances.forEach(ScopeLeases::close);
    }

    private ScopeLeases instance(String name, Duration ttl) {
        ScopeLeases leases = new ScopeLeases(store, layout, name, ttl, Clock.systemUTC());
        instances.add(leases);
        return leases;
    }

    @Test
    void aHeldScopeKeepsOthersOutAndDisjointScopesRunSideBySide() throws Exception {
        ScopeLeases a = instance("a", TTL);
        ScopeLeases b = instance("b", TTL);
        try (HeldLeases restore = acquired(a, List.of(BackupScope.REDIS), "restore-1")) {
            ScopeLeases.Attempt blocked = b.tryAcquire(List.of(BackupScope.REDIS), "restore-2", "restore");
            assertThat(blocked.held()).isEmpty();
            assertThat(blocked.blocker()).contains("scope redis is held by restore restore-1 on a");

            try (HeldLeases configs = acquired(b, List.of(BackupScope.CONFIGS), "backup-3")) {
                assertThat(configs.lost()).isEmpty();
            }
        }
        try (HeldLeases after = acquired(b, List.of(BackupScope.REDIS), "restore-2")) {
            assertThat(after.lost()).isEmpty();
        }
    }

    @Test
    void aCommandTakesAllItsScopesOrNone() throws Exception {
        ScopeLeases a = instance("a", TTL);
        ScopeLeases b = instance("b", TTL);
        try (HeldLeases backup = acquired(a, List.of(BackupScope.REDIS), "backup-1")) {
            ScopeLeases.Attempt prune =
                    b.tryAcquire(LeasedScopes.of(BackupAction.PRUNE, List.of()), "prune-1", "prune");
            assertThat(prune.held()).isEmpty();
            assertThat(prune.blocker()).contains("scope redis");
            // The scopes before redis in the order (configs, certs) were given back, not kept while it waited.
            try (HeldLeases configs = acquired(a, List.of(BackupScope.CONFIGS, BackupScope.CERTS), "backup-2")) {
                assertThat(configs.lost()).isEmpty();
            }
        }
    }

    @Test
    void theLeaseOfAnInstanceThatDiedLapsesAfterItsTime() throws Exception {
        ScopeLeases dying = instance("dying", TTL);
        ScopeLeases survivor = instance("survivor", TTL);
        acquired(dying, List.of(BackupScope.REDIS), "restore-1");
        dying.close(); // no more renewals, nothing given back: as a SIGKILL leaves it

        long started = System.nanoTime();
        List<String> waitedFor = new ArrayList<>();
        try (HeldLeases taken = survivor.acquire(
                List.of(BackupScope.REDIS), "restore-2", "restore", Duration.ofSeconds(20), waitedFor::add)) {
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertThat(waited).isLessThan(TTL.plusSeconds(3));
            assertThat(waitedFor).singleElement().asString().contains("restore-1 on dying");
            assertThat(taken.lost()).isEmpty();
        }
    }

    @Test
    void aWaitingCommandSaysWhomItWaitsForOnceThoughTheHolderRenewsMeanwhile() throws Exception {
        ScopeLeases holder = instance("holder", Duration.ofMillis(900));
        ScopeLeases other = instance("other", Duration.ofMillis(900));
        List<String> waitedFor = new CopyOnWriteArrayList<>();
        ExecutorService waiter = Executors.newSingleThreadExecutor();
        try {
            HeldLeases held = acquired(holder, List.of(BackupScope.REDIS), "backup-1");
            Future<HeldLeases> taken = waiter.submit(() -> other.acquire(
                    List.of(BackupScope.REDIS), "prune-1", "prune", Duration.ofSeconds(20), waitedFor::add));
            Awaitility.await("the waiting note").atMost(Duration.ofSeconds(5)).until(() -> !waitedFor.isEmpty());
            // Renewed every 300 ms: each renewal moves the lease's expiry, none is a new holder.
            Awaitility.await("one note through several renewals")
                    .during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> waitedFor.size() == 1);
            held.close();
            try (HeldLeases after = taken.get(10, TimeUnit.SECONDS)) {
                assertThat(after.lost()).isEmpty();
            }
            assertThat(waitedFor).singleElement().asString().contains("backup-1 on holder");
        } finally {
            waiter.shutdownNow();
        }
    }

    @Test
    void aLiveHolderRenewsItsLeaseForAsLongAsItRuns() throws Exception {
        ScopeLeases holder = instance("holder", Duration.ofMillis(900));
        ScopeLeases other = instance("other", Duration.ofMillis(900));
        try (HeldLeases held = acquired(holder, List.of(BackupScope.KUBERNETES), "backup-1")) {
            Awaitility.await("the lease still held after several of its lifetimes")
                    .during(Duration.ofSeconds(4))
                    .atMost(Duration.ofSeconds(6))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> other.tryAcquire(List.of(BackupScope.KUBERNETES), "backup-2", "backup")
                            .held()
                            .isEmpty());
            assertThat(held.lost()).isEmpty();
            assertThat(store.list(layout.leasePrefix("kubernetes")))
                    .as("renewals forget the generations they supersede")
                    .hasSizeLessThanOrEqualTo(3);
        }
    }

    @Test
    void aCommandThatWaitsLongerThanItMayFailsNamingTheHolder() throws Exception {
        ScopeLeases a = instance("a", TTL);
        ScopeLeases b = instance("b", TTL);
        try (HeldLeases held = acquired(a, List.of(BackupScope.CERTS), "restore-1")) {
            assertThatThrownBy(() -> b.acquire(
                            List.of(BackupScope.CERTS), "restore-2", "restore", Duration.ofMillis(600), note -> {}))
                    .isInstanceOf(LeaseUnavailableException.class)
                    .hasMessageContaining("restore restore-1 on a");
        }
    }

    @Test
    void instancesRacingForOneScopeNeverHoldItTogether() throws Exception {
        int racers = 4;
        int rounds = 5;
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(racers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int r = 0; r < racers; r++) {
                ScopeLeases racer = instance("racer-" + r, TTL);
                int id = r;
                done.add(threads.submit(() -> {
                    for (int round = 0; round < rounds; round++) {
                        try (HeldLeases held = racer.acquire(
                                List.of(BackupScope.REDIS),
                                "cmd-" + id + "-" + round,
                                "restore",
                                Duration.ofSeconds(60),
                                note -> {})) {
                            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            store.list(layout.leasePrefix("redis")); // some work while holding it
                            inside.decrementAndGet();
                            runs.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(runs.get()).isEqualTo(racers * rounds);
        assertThat(mostInside.get()).as("holders at once").isEqualTo(1);
    }

    @Test
    void aStaleWriterRecreatingAForgottenGenerationDoesNotGetTheScope() throws IOException {
        LeaseChain chain = new LeaseChain(store, layout, "configs");
        ScopeLeases a = instance("a", TTL);
        LeaseChain.Generation first = chain.append(LeaseChain.Generation.NONE, a.released("c1", "backup"))
                .orElseThrow();
        LeaseChain.Generation second =
                chain.append(first, a.released("c2", "backup")).orElseThrow();
        LeaseChain.Generation third =
                chain.append(second, a.released("c3", "backup")).orElseThrow();
        chain.forgetBefore(third);

        // Someone who read the chain when generation 1 was the newest writes generation 2 again.
        Optional<LeaseChain.Generation> stale =
                chain.append(first, a.lease("c4", "backup", Clock.systemUTC().instant()));

        assertThat(stale).isEmpty();
        assertThat(store.list(layout.leasePrefix("configs"))).containsExactly(layout.leaseKey("configs", 3));
        assertThat(chain.newest().number()).isEqualTo(3);
    }

    private static HeldLeases acquired(ScopeLeases leases, List<BackupScope> scopes, String commandId)
            throws IOException {
        return leases.tryAcquire(scopes, commandId, commandId.replaceAll("-\\d+$", ""))
                .held()
                .orElseThrow(() -> new AssertionError(commandId + " did not get " + scopes));
    }
}
