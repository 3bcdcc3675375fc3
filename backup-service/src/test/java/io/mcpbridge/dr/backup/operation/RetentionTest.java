package io.mcpbridge.dr.backup.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.backup.archive.Progress;
import io.mcpbridge.dr.backup.store.BucketLayout;
import io.mcpbridge.dr.backup.store.CatalogListener;
import io.mcpbridge.dr.backup.store.RetentionPolicy;
import io.mcpbridge.dr.backup.store.S3ObjectStore;
import io.mcpbridge.dr.backup.support.Contexts;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.testing.MutableClock;
import io.mcpbridge.dr.testing.S3Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 40 days of backups every 6 hours, on a test clock, in a real S3 server: retention keeps 30 days, and
 * never the last verified-good backups, even when every recent backup failed.
 */
class RetentionTest {

    private static final Instant DAY_ZERO = Instant.parse("2026-10-01T00:00:00Z");
    private static final RetentionPolicy POLICY = new RetentionPolicy(Duration.ofDays(30), 3);

    @TempDir
    Path files;

    private S3Server s3;
    private S3ObjectStore store;
    private MutableClock clock;
    private BackupContext context;

    @BeforeEach
    void start() throws IOException {
        s3 = S3Server.start();
        store = Contexts.s3Store(s3);
        clock = new MutableClock(DAY_ZERO);
        Files.createDirectories(files.resolve("configs"));
        Files.writeString(files.resolve("configs/router.yaml"), "upstreams: []\n");
        context = Contexts.context(
                store,
                Contexts.randomKey(),
                clock,
                null,
                Contexts.noKubernetes(),
                Contexts.sources(files.resolve("configs"), files.resolve("certs"), "127.0.0.1:1", "mcp-system"));
    }

    @AfterEach
    void stop() {
        store.close();
        s3.close();
    }

    @Test
    void fortyDaysOfGoodBackupsKeepThirtyDays() throws IOException {
        takeEverySixHours(0, 160, true);
        clock.set(DAY_ZERO.plus(Duration.ofDays(40)));

        Outcome pruned = new BackupPruner(context, POLICY).prune();

        List<BackupIndex> left = context.catalog().all();
        Instant cutoff = clock.instant().minus(Duration.ofDays(30));
        assertThat(left).allSatisfy(index -> assertThat(index.createdAt()).isAfterOrEqualTo(cutoff));
        assertThat(left).hasSize(120);
        assertThat(pruned.counts()).containsEntry("deleted", 40L).containsEntry("kept", 120L);
        assertArchivesMatchIndexes();
    }

    @Test
    void whenEveryRecentBackupFailedTheLastThreeGoodOnesStay() throws IOException {
        takeEverySixHours(0, 20, true); // days 0-5: good and verified
        Files.delete(files.resolve("configs/router.yaml"));
        Files.delete(files.resolve("configs")); // from day 5 on, every backup fails
        takeEverySixHours(20, 140, false);
        clock.set(DAY_ZERO.plus(Duration.ofDays(40)));

        new BackupPruner(context, POLICY).prune();

        List<BackupIndex> left = context.catalog().all();
        List<BackupIndex> good = left.stream().filter(BackupIndex::verifiedGood).toList();
        assertThat(good)
                .extracting(BackupIndex::createdAt)
                .containsExactly(
                        DAY_ZERO.plus(Duration.ofHours(6 * 17)),
                        DAY_ZERO.plus(Duration.ofHours(6 * 18)),
                        DAY_ZERO.plus(Duration.ofHours(6 * 19)));
        assertThat(left.stream().filter(index -> index.status() == BackupIndex.Status.FAILED))
                .allSatisfy(index -> assertThat(index.createdAt())
                        .isAfterOrEqualTo(clock.instant().minus(Duration.ofDays(30))));
        assertThat(context.catalog().resolve("latest", List.of()).createdAt())
                .isEqualTo(DAY_ZERO.plus(Duration.ofHours(6 * 19)));
        assertArchivesMatchIndexes();
    }

    @Test
    void whenNoBackupWasEverVerifiedTheNewestThreeCompleteOnesStay() throws IOException {
        for (int i = 0; i < 20; i++) {
            clock.set(DAY_ZERO.plus(Duration.ofHours(6L * i)));
            new BackupTaker(context)
                    .take(
                            new BackupRequest(
                                    List.of(BackupScope.CONFIGS),
                                    context.sources(),
                                    BackupIndex.Purpose.SCHEDULED,
                                    false,
                                    "scheduled",
                                    "schedule"),
                            new Progress());
        }
        clock.set(DAY_ZERO.plus(Duration.ofDays(40)));

        new BackupPruner(context, POLICY).prune();

        assertThat(context.catalog().all())
                .extracting(BackupIndex::createdAt)
                .containsExactly(
                        DAY_ZERO.plus(Duration.ofHours(6 * 17)),
                        DAY_ZERO.plus(Duration.ofHours(6 * 18)),
                        DAY_ZERO.plus(Duration.ofHours(6 * 19)));
        assertArchivesMatchIndexes();
    }

    @Test
    void aDryRunNamesWhatPruneWouldDeleteAndDeletesNothing() throws IOException {
        takeEverySixHours(0, 20, true);
        clock.set(DAY_ZERO.plus(Duration.ofDays(40)));
        List<String> told = new ArrayList<>();
        BackupContext telling = Contexts.tellingCatalogChanges(context, deletions(told));

        Outcome dryRun = new BackupPruner(telling, POLICY).dryRun();

        assertThat(context.catalog().all()).hasSize(20);
        assertThat(told).as("deletions told to the catalog topic").isEmpty();
        assertThat(dryRun.counts())
                .containsEntry("deleted", 0L)
                .containsEntry("wouldDelete", 17L)
                .containsEntry("kept", 3L)
                .containsEntry("keptVerified", 3L);
        assertThat(dryRun.note()).startsWith("dry run");
        assertThat(dryRun.backupIds()).hasSize(17);

        Outcome pruned = new BackupPruner(telling, POLICY).prune();

        assertThat(pruned.backupIds())
                .as("prune deletes exactly what the dry run named")
                .isEqualTo(dryRun.backupIds());
        assertThat(told).isEqualTo(dryRun.backupIds());
        assertThat(pruned.counts()).containsEntry("deleted", 17L).doesNotContainKey("wouldDelete");
        assertThat(pruned.note()).isNull();
        assertThat(context.catalog().all())
                .extracting(BackupIndex::id)
                .doesNotContainAnyElementsOf(dryRun.backupIds())
                .hasSize(3);
        assertArchivesMatchIndexes();
    }

    /** Records the backups whose index objects the catalog deleted. */
    private static CatalogListener deletions(List<String> told) {
        return new CatalogListener() {
            @Override
            public void saved(BackupIndex index) {}

            @Override
            public void deleted(List<String> backupIds) {
                told.addAll(backupIds);
            }
        };
    }

    private void takeEverySixHours(int from, int to, boolean succeed) throws IOException {
        for (int i = from; i < to; i++) {
            clock.set(DAY_ZERO.plus(Duration.ofHours(6L * i)));
            BackupRequest request = new BackupRequest(
                    List.of(BackupScope.CONFIGS),
                    context.sources(),
                    BackupIndex.Purpose.SCHEDULED,
                    false,
                    "scheduled",
                    "schedule");
            try {
                Outcome outcome = new BackupTaker(context).take(request, new Progress());
                new BackupVerifier(context).verify(outcome.backupId(), new Progress());
                assertThat(succeed).as("backup %d should have failed", i).isTrue();
            } catch (IOException e) {
                assertThat(succeed)
                        .as("backup %d failed: %s", i, e.getMessage())
                        .isFalse();
            }
        }
    }

    private void assertArchivesMatchIndexes() throws IOException {
        BucketLayout layout = new BucketLayout("");
        List<String> archives = store.list("archives/");
        List<String> expected = context.catalog().all().stream()
                .filter(index -> index.status() == BackupIndex.Status.COMPLETE)
                .map(index -> layout.archiveKey(index.id()))
                .toList();
        assertThat(archives).containsExactlyInAnyOrderElementsOf(expected);
    }
}
