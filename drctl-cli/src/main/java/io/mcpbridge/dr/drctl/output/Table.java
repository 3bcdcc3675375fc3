package io.mcpbridge.dr.drctl.output;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Columns aligned for reading at a glance, as {@code kubectl get} prints them: upper-case headers, two spaces
 * between columns, no borders. Colour codes in cells do not count towards the width.
 */
public final class Table {

    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = List.of(headers);
    }

    public Table row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + headers.size());
        }
        List<String> row = new ArrayList<>();
        for (String cell : cells) {
            row.add(cell == null ? "-" : cell);
        }
        rows.add(row);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String render() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], visible(row.get(i)));
            }
        }
        StringBuilder text = new StringBuilder();
        line(text, headers, widths);
        rows.forEach(row -> line(text, row, widths));
        return text.toString().stripTrailing();
    }

    private static void line(StringBuilder text, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            line.append(cell);
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - visible(cell) + 2));
            }
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }

    private static int visible(String cell) {
        return ANSI.matcher(cell).replaceAll("").length();
    }
}
