package io.tidecast.connectors.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line. Fields may be wrapped in double quotes (then they may contain the separator, and
 * {@code ""} stands for a quote), which is what spreadsheet exports and the ExtMarker header use.
 */
final class CsvLine {
    private CsvLine() {}

    /** Returns the fields, or null if a quoted field is not closed on this line. */
    static List<String> split(String line, char separator) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == separator) {
                fields.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        fields.add(field.toString().strip());
        return fields;
    }
}
