package io.tidecast.connectors.extmarker;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads one ExtMarker CSV ({@code "Frame";"Timestamp";"x";"y";"z"}, {@code ;}-separated, decimal comma). */
final class MarkerFile {
    static final String HEADER = "\"Frame\";\"Timestamp\";\"x\";\"y\";\"z\"";

    private MarkerFile() {}

    /** All data rows, padding included (the published conversion needs the last row even when it is padding). */
    static List<MarkerRow> readRows(Path file) throws IOException {
        List<MarkerRow> rows = new ArrayList<>(4096);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            String header = in.readLine();
            if (header == null || !header.strip().equals(HEADER)) {
                throw new ExtMarkerFormatException(file, 1, "expected header " + HEADER + ", found " + header);
            }
            int lineNo = 1;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                line = line.strip();
                if (!line.isEmpty()) {
                    rows.add(parse(file, lineNo, line));
                }
            }
        }
        return rows;
    }

    private static MarkerRow parse(Path file, int lineNo, String line) throws ExtMarkerFormatException {
        String[] f = line.split(";", -1);
        if (f.length != 5) {
            throw new ExtMarkerFormatException(file, lineNo, "expected 5 fields, found " + f.length + ": " + line);
        }
        try {
            return new MarkerRow(lineNo, Long.parseLong(f[0]), f[1],
                    decimalComma(f[2]), decimalComma(f[3]), decimalComma(f[4]));
        } catch (NumberFormatException e) {
            throw new ExtMarkerFormatException(file, lineNo, "not a number (" + e.getMessage() + "): " + line);
        }
    }

    /** {@code -490,7} → -490.7; also accepts {@code 1e+05}, which the files use for round timestamps. */
    static double decimalComma(String text) {
        return Double.parseDouble(text.replace(',', '.'));
    }
}
