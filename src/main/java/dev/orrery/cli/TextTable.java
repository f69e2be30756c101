package dev.orrery.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain text table with columns as wide as their widest cell. */
public final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    public TextTable(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    public TextTable row(Object... cells) {
        String[] r = new String[columns];
        for (int i = 0; i < columns; i++) {
            r[i] = i < cells.length && cells[i] != null ? String.valueOf(cells[i]) : "-";
        }
        rows.add(r);
        return this;
    }

    @Override
    public String toString() {
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < columns; i++) {
                sb.append(i == columns - 1 ? r[i] : String.format("%-" + (width[i] + 2) + "s", r[i]));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }
}
