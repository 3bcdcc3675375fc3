package io.mcpbridge.dr.drctl.report;

import io.mcpbridge.dr.drctl.output.Human;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The report as an SVG chart, written as text (no AWT, so drctl stays native-compilable): two panels, RTO and RPO,
 * one bar per recovery in time order, its length the measured time as a share of its target, a dashed line at
 * the target. Green within the target, red over it, grey without one. Every bar carries its figures as text, so
 * the chart reads without colour too.
 */
public final class RecoveryChart {

    private static final int WIDTH = 980;
    private static final int LABEL_WIDTH = 360;
    private static final int BAR_AREA = 440;
    private static final int ROW = 20;
    private static final int PANEL_GAP = 36;
    private static final String MET = "#2e7d32";
    private static final String MISSED = "#c62828";
    private static final String NO_TARGET = "#9e9e9e";
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private RecoveryChart() {}

    /** The chart of {@code records} (oldest first), titled {@code title}. */
    public static String svg(String title, List<RecoveryRecord> records) {
        List<RecoveryRecord> withRto =
                records.stream().filter(r -> r.rto() != null).toList();
        List<RecoveryRecord> withRpo =
                records.stream().filter(r -> r.rpo() != null).toList();
        double scale = Math.max(
                2.0,
                records.stream()
                        .flatMap(r -> Stream.of(r.rtoShare(), r.rpoShare()))
                        .filter(share -> share != null)
                        .mapToDouble(Double::doubleValue)
                        .max()
                        .orElse(1.0));
        StringBuilder body = new StringBuilder();
        int y = 56;
        body.append(text(16, 24, escape(title), "font-size=\"16\" font-weight=\"bold\""));
        y = panel(body, y, "RTO against target", withRto, RecoveryRecord::rto, RecoveryRecord::rtoTarget, scale);
        y = panel(
                body,
                y + PANEL_GAP,
                "RPO against target",
                withRpo,
                RecoveryRecord::rpo,
                RecoveryRecord::rpoTarget,
                scale);
        int height = y + 20;
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + WIDTH + " " + height + "\" font-family=\"sans-serif\" font-size=\"12\">\n"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n" + body + "</svg>\n";
    }

    private static int panel(
            StringBuilder out,
            int top,
            String heading,
            List<RecoveryRecord> records,
            Function<RecoveryRecord, Duration> measured,
            Function<RecoveryRecord, Duration> target,
            double scale) {
        out.append(text(16, top, heading, "font-weight=\"bold\""));
        int y = top + 10;
        if (records.isEmpty()) {
            out.append(text(16, y + 14, "nothing measured in this period", "fill=\"#616161\""));
            return y + ROW;
        }
        int targetX = LABEL_WIDTH + (int) Math.round(BAR_AREA / scale);
        int bottom = y + records.size() * ROW;
        for (RecoveryRecord record : records) {
            Duration value = measured.apply(record);
            Duration goal = target.apply(record);
            double share = goal == null || goal.isZero() ? 0 : (double) value.toMillis() / goal.toMillis();
            int length = goal == null ? 4 : Math.max(2, (int) Math.round(BAR_AREA * Math.min(share, scale) / scale));
            String colour = goal == null ? NO_TARGET : share <= 1.0 ? MET : MISSED;
            out.append(text(16, y + 14, escape(label(record)), ""));
            out.append("<rect x=\"" + LABEL_WIDTH + "\" y=\"" + (y + 4) + "\" width=\"" + length + "\" height=\""
                    + (ROW - 8) + "\" fill=\"" + colour + "\"><title>" + escape(record.id()) + "</title></rect>\n");
            out.append(text(
                    LABEL_WIDTH + length + 6,
                    y + 14,
                    escape(Human.duration(value) + (goal == null ? " (no target)" : " of " + Human.duration(goal))),
                    "fill=\"#424242\""));
            y += ROW;
        }
        out.append("<line x1=\"" + targetX + "\" y1=\"" + (top + 6) + "\" x2=\"" + targetX + "\" y2=\"" + bottom
                + "\" stroke=\"#212121\" stroke-dasharray=\"4 3\"/>\n");
        out.append(text(targetX + 4, top + 2, "target", "fill=\"#212121\" font-size=\"10\""));
        return bottom;
    }

    private static String label(RecoveryRecord record) {
        return DAY.format(record.at()) + "  " + record.kind() + " " + record.subject() + "  " + record.outcome();
    }

    private static String text(int x, int y, String content, String attributes) {
        return "<text x=\"" + x + "\" y=\"" + y + "\"" + (attributes.isEmpty() ? "" : " " + attributes) + ">" + content
                + "</text>\n";
    }

    /** XML text: ids and component names come from the topics, never trusted into markup. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
