package io.mcpbridge.dr.system.proof;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The proof suite's table: one row per scenario, its measured RTO and RPO, the plan's target and the suite's own
 * budget, and whether it passed. Printed into the build output and written to {@code target/proof-summary.md}.
 */
final class ProofSummary {

    /** One scenario's figures; null where a scenario measures none. */
    record Row(String scenario, Duration rto, Duration budget, Duration target, Duration rpo, boolean passed) {}

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(Row row) {
        rows.add(row);
    }

    synchronized String markdown() {
        StringBuilder table = new StringBuilder();
        table.append("| scenario | RTO | budget | plan's RTO | RPO | pass |\n");
        table.append("|---|---|---|---|---|---|\n");
        // By scenario number, whatever order they ran in.
        for (Row row : rows.stream().sorted(Comparator.comparing(Row::scenario)).toList()) {
            table.append("| ")
                    .append(row.scenario())
                    .append(" | ")
                    .append(human(row.rto()))
                    .append(" | ")
                    .append(human(row.budget()))
                    .append(" | ")
                    .append(human(row.target()))
                    .append(" | ")
                    .append(human(row.rpo()))
                    .append(" | ")
                    .append(row.passed() ? "yes" : "NO")
                    .append(" |\n");
        }
        return table.toString();
    }

    /** Prints the table and writes it beside the build's other reports. */
    void publish(Path file) {
        String table = markdown();
        System.out.println("\nProof suite summary\n\n" + table);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String human(Duration duration) {
        if (duration == null) {
            return "-";
        }
        long millis = duration.toMillis();
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
    }
}
