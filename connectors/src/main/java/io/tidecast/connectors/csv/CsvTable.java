package io.tidecast.connectors.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole CSV file with a header row, as text cells: comma-separated, optional double quotes, LF or CRLF line ends,
 * blank lines skipped, a leading UTF-8 BOM ignored. Every row must have as many fields as the header.
 */
public final class CsvTable {
    private final List<String> header;
    private final Map<String, Integer> index;
    private final List<List<String>> rows;

    private CsvTable(List<String> header, List<List<String>> rows) {
        this.header = List.copyOf(header);
        this.rows = rows;
        this.index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) index.put(header.get(i), i);
    }

    /** @throws CsvFormatException naming the file and line of the first problem */
    public static CsvTable read(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            int n = 1;
            if (line == null) throw new CsvFormatException(file, 1, "the file is empty; it needs a header row");
            if (line.startsWith("\uFEFF")) line = line.substring(1);
            List<String> header = CsvLine.split(line, ',');
            if (header == null) throw new CsvFormatException(file, 1, "unclosed quote in the header");
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String h : header) {
                if (h.isEmpty()) throw new CsvFormatException(file, 1, "a column name in the header is empty");
                if (!seen.add(h)) throw new CsvFormatException(file, 1, "column '" + h + "' appears twice in the header");
            }
            List<List<String>> rows = new ArrayList<>();
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) continue;
                List<String> f = CsvLine.split(line, ',');
                if (f == null) throw new CsvFormatException(file, n, "unclosed quote");
                if (f.size() != header.size()) {
                    throw new CsvFormatException(file, n, "has " + f.size() + " fields, the header has " + header.size());
                }
                rows.add(f);
            }
            if (rows.isEmpty()) throw new CsvFormatException(file, n, "no data rows after the header");
            return new CsvTable(header, rows);
        }
    }

    public List<String> header() {
        return header;
    }

    public boolean has(String column) {
        return index.containsKey(column);
    }

    public int rows() {
        return rows.size();
    }

    /** The cell of {@code row} in {@code column}, or null if there is no such column. */
    public String cell(int row, String column) {
        Integer i = index.get(column);
        return i == null ? null : rows.get(row).get(i);
    }
}
