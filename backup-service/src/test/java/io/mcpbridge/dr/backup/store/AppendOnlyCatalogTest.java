package io.mcpbridge.dr.backup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.dr.backup.support.Contexts;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.json.EventJson;
import io.mcpbridge.dr.testing.S3Server;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing in the store is rewritten, so several instances writing to one bucket cannot undo each other: an index
 * is created once, verifications add verdicts beside it, and a verdict on a backup pruned meanwhile does not
 * bring it back. In a real S3 server, and in the directory store a laptop uses.
 */
class AppendOnlyCatalogTest {

    private static final Instant TAKEN = Instant.parse("2026-11-30T06:00:00Z");

    private static S3Server s3;
    private static S3ObjectStore store;

    @TempDir
    Path directory;

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

    @Test
    void createOnceKeepsTheFirstWriteAndARetryOfItCountsAsCreated() throws IOException {
        for (ObjectStore each : List.of(store, new DirectoryObjectStore(directory))) {
            String key = "once/" + System.nanoTime() + ".json";
            assertThat(each.create(key, bytes("first"))).isTrue();
            assertThat(each.create(key, bytes("second"))).as(each.describe()).isFalse();
            assertThat(new String(each.get(key).orElseThrow(), StandardCharsets.UTF_8))
                    .isEqualTo("first");
        }
    }

    @Test
    void theNewestVerdictIsTheBackupsAndTheIndexIsNeverRewritten() throws IOException {
        BackupCatalog catalog = catalog();
        BackupIndex index = complete(BucketLayout.newBackupId(TAKEN));
        catalog.save(index);

        catalog.addVerdict(index, new Verdict(false, TAKEN.plusSeconds(60), "entry redis/0 differs"));
        BackupIndex passed = catalog.addVerdict(index, new Verdict(true, TAKEN.plusSeconds(120), "all entries match"));

        assertThat(passed.verifiedGood()).isTrue();
        assertThat(catalog.find(index.id()).orElseThrow())
                .returns(true, BackupIndex::verified)
                .returns(TAKEN.plusSeconds(120), BackupIndex::verifiedAt)
                .returns("all entries match", BackupIndex::verifyDetail);
        assertThat(catalog.all()).singleElement().returns(true, BackupIndex::verified);
        assertThatThrownBy(() -> catalog.save(index.withVerification(false, TAKEN, "rewritten")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("has an index already");
        assertThat(catalog.find(index.id()).orElseThrow().verifyDetail()).isEqualTo("all entries match");
    }

    @Test
    void aVerdictOnABackupPrunedMeanwhileDoesNotBringItBack() throws IOException {
        BackupCatalog catalog = catalog();
        BackupIndex index = complete(BucketLayout.newBackupId(TAKEN));
        catalog.save(index);
        BackupIndex read = catalog.find(index.id()).orElseThrow(); // a verification starts...
        catalog.delete(List.of(index.id())); // ...a prune on another instance deletes the backup...

        assertThatThrownBy(() -> catalog.addVerdict(read, new Verdict(true, TAKEN.plusSeconds(60), "ok")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("was deleted while it was verified");
        assertThat(catalog.all()).isEmpty();
        assertThat(catalog.find(index.id())).isEmpty();
        assertThat(store.list(layout.verdictPrefix())).isEmpty();
    }

    @Test
    void aPruneRemovesTheVerdictsOfWhatItDeletesAndAnyLeftWithoutABackup() throws IOException {
        BackupCatalog catalog = catalog();
        BackupIndex kept = complete(BucketLayout.newBackupId(TAKEN));
        BackupIndex pruned = complete(BucketLayout.newBackupId(TAKEN.plusSeconds(1)));
        catalog.save(kept);
        catalog.save(pruned);
        catalog.addVerdict(kept, new Verdict(true, TAKEN.plusSeconds(60), "ok"));
        catalog.addVerdict(pruned, new Verdict(true, TAKEN.plusSeconds(60), "ok"));
        String orphan = layout.verdictKey(BucketLayout.newBackupId(TAKEN.minusSeconds(60)), TAKEN);
        store.create(orphan, EventJson.toBytes(new Verdict(true, TAKEN, "left by a crash")));

        catalog.delete(List.of(pruned.id()));

        assertThat(store.list(layout.verdictPrefix()))
                .singleElement()
                .satisfies(key -> assertThat(layout.backupIdOfVerdictKey(key)).contains(kept.id()));
        assertThat(catalog.all()).singleElement().returns(kept.id(), BackupIndex::id);
    }

    private BucketLayout layout;

    private BackupCatalog catalog() {
        layout = new BucketLayout("c" + System.nanoTime() + "/");
        return new BackupCatalog(store, layout);
    }

    private static BackupIndex complete(String id) {
        return BackupIndex.complete(
                new BackupIndex.Origin(
                        id,
                        BackupIndex.Purpose.SCHEDULED,
                        List.of(BackupScope.CONFIGS),
                        TAKEN,
                        "key-1",
                        "scheduled",
                        "backup-service"),
                TAKEN.plusSeconds(5),
                new BackupIndex.Stored(1024, 4096, "00".repeat(32), "zstd", "AES-256-GCM", null),
                Map.of("files", 1L));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
