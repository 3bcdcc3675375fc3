package io.mcpbridge.dr.drctl.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupPhase;
import io.mcpbridge.dr.events.backup.BackupResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private static BackupResult progress(long bytes, long entries, long millis) {
        return progress(bytes, entries, millis, null);
    }

    private static BackupResult progress(long bytes, long entries, long millis, String note) {
        return new BackupResult(
                "cmd-1",
                BackupAction.BACKUP,
                BackupPhase.PROGRESS,
                null,
                List.of(),
                bytes,
                entries,
                null,
                millis,
                Map.of(),
                null,
                null,
                note,
                Instant.now(),
                null);
    }

    @Test
    void whileTheCommandWaitsForAnotherItSaysForWhom() {
        ProgressBar bar =
                new ProgressBar(terminal(false, new ByteArrayOutputStream()), "restoring", OptionalLong.of(100));

        assertThat(bar.line(progress(0, 0, 3_000, "waiting: scope redis is held by restore cmd-7 on backup-service-b")))
                .isEqualTo("restoring waiting: scope redis is held by restore cmd-7 on backup-service-b");
    }

    @Test
    void withAKnownTotalItShowsABarThePercentageTheRateAndTheTimeLeft() {
        ProgressBar bar = new ProgressBar(
                terminal(false, new ByteArrayOutputStream()), "restoring", OptionalLong.of(100L * 1024 * 1024));

        String line = bar.line(progress(25L * 1024 * 1024, 250_000, 5_000));

        assertThat(line)
                .startsWith("restoring [########......................]  25%")
                .contains("25.0 MiB", "250,000 entries", "5.0 MiB/s", "ETA 15s");
    }

    @Test
    void withoutATotalItShowsWhatWasDoneAndTheRate() {
        ProgressBar bar =
                new ProgressBar(terminal(false, new ByteArrayOutputStream()), "backing up", OptionalLong.empty());

        assertThat(bar.line(progress(2048, 10, 1000))).isEqualTo("backing up 2.0 KiB  10 entries  2.0 KiB/s");
    }

    @Test
    void withoutATerminalEachUpdateIsAPlainLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(terminal(false, err), "verifying", OptionalLong.empty());

        bar.update(progress(1024, 1, 1000));
        bar.update(progress(2048, 2, 2000));
        bar.finish();

        assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(2).noneMatch(line -> line.contains("\r"));
    }

    @Test
    void onATerminalOneLineIsRedrawn() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(terminal(true, err), "verifying", OptionalLong.empty());

        bar.update(progress(1024, 1, 1000));
        bar.update(progress(2048, 2, 2000));
        bar.finish();

        String written = err.toString(StandardCharsets.UTF_8);
        assertThat(written).contains("\r").endsWith("\n");
        assertThat(written.chars().filter(c -> c == '\n').count())
                .as("one line, redrawn")
                .isEqualTo(1);
    }

    private static Terminal terminal(boolean interactive, ByteArrayOutputStream err) {
        PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
        return new Terminal(stream, stream, interactive, false);
    }
}
