package io.tidecast.connectors.csv;

import io.tidecast.records.RecordOrigin;
import io.tidecast.records.Sample;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a generic time-series CSV into {@link Sample}s of one stream.
 *
 * <p>The first line is a header. One column holds the event time (by name or 0-based index, default index 0)
 * in milliseconds or any unit with {@link Options#timeScaleToMs}; the value columns are named, or by default
 * every other column whose first data row is numeric. Separator and decimal mark are configurable (e.g.
 * {@code ;} and {@code ,}). The key is {@link Options#key} or the file name without its extension. Blank
 * lines are skipped and a leading UTF-8 BOM is ignored; every other problem raises a
 * {@link CsvFormatException} naming the file and line. Timestamps must strictly increase unless
 * {@link Options#allowUnorderedTime} is set, because the pipeline rejects a timestamp that does not move on.
 *
 * <pre>{@code
 * List<Sample> s = CsvSeries.read(path, CsvSeries.options().separator(';').decimalMark(',')
 *         .timeColumn("Timestamp").valueColumns("x", "y", "z").key("seq1"));
 * }</pre>
 */
public final class CsvSeries {
    private CsvSeries() {}

    public static Options options() {
        return new Options();
    }

    /** Reads with the default options: {@code ,} separator, {@code .} decimals, time in ms in column 0. */
    public static List<Sample> read(Path file) throws IOException {
        return read(file, options());
    }

    public static List<Sample> read(Path file, Options options) throws IOException {
        options.validate();
        String key = options.key != null ? options.key : baseName(file);
        String originName = file.getFileName().toString();
        DecimalText numbers = new DecimalText(options.decimalMark);
        List<Sample> samples = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String headerLine = in.readLine();
            if (headerLine == null) {
                throw new CsvFormatException(file, 1, "empty file, expected a header line");
            }
            if (headerLine.startsWith("\uFEFF")) {
                headerLine = headerLine.substring(1);
            }
            List<String> header = fields(file, 1, headerLine, options.separator, -1);
            int timeIndex = options.timeIndex(file, header);
            int[] valueIndexes = null;
            long previous = Long.MIN_VALUE;
            int lineNo = 1;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> row = fields(file, lineNo, line, options.separator, header.size());
                if (valueIndexes == null) {
                    valueIndexes = options.valueIndexes(file, lineNo, header, row, timeIndex, numbers);
                }
                long ts = time(file, lineNo, row.get(timeIndex), header.get(timeIndex), options, numbers);
                if (!options.allowUnorderedTime && previous != Long.MIN_VALUE && ts <= previous) {
                    throw new CsvFormatException(file, lineNo, "time " + ts + " ms is not after the previous row's "
                            + previous + " ms");
                }
                previous = ts;
                double[] values = new double[valueIndexes.length];
                for (int i = 0; i < values.length; i++) {
                    values[i] = value(file, lineNo, row.get(valueIndexes[i]), header.get(valueIndexes[i]), numbers);
                }
                Sample s = new Sample(key, ts, values);
                s.origin = new RecordOrigin(originName, -1, lineNo);
                samples.add(s);
            }
        }
        return samples;
    }

    private static List<String> fields(Path file, int lineNo, String line, char separator, int expected)
            throws CsvFormatException {
        List<String> f = CsvLine.split(line, separator);
        if (f == null) {
            throw new CsvFormatException(file, lineNo, "unterminated quoted field");
        }
        if (expected >= 0 && f.size() != expected) {
            throw new CsvFormatException(file, lineNo, "expected " + expected + " fields (as in the header), found "
                    + f.size());
        }
        return f;
    }

    private static long time(Path file, int lineNo, String text, String column, Options o, DecimalText numbers)
            throws CsvFormatException {
        if (o.timeScaleToMs == 1.0 && DecimalText.isLongInteger(text)) {
            return Long.parseLong(text); // exact, whatever the magnitude
        }
        Double t = numbers.parse(text);
        if (t == null) {
            throw new CsvFormatException(file, lineNo, "time column " + column + " is not a number: '" + text + "'");
        }
        double ms = t * o.timeScaleToMs;
        if (!(Math.abs(ms) < 9.0e18)) {
            throw new CsvFormatException(file, lineNo, "time " + text + " is out of range");
        }
        return Math.round(ms);
    }

    private static double value(Path file, int lineNo, String text, String column, DecimalText numbers)
            throws CsvFormatException {
        if (text.isEmpty()) {
            throw new CsvFormatException(file, lineNo, "empty value in column " + column);
        }
        Double v = numbers.parse(text);
        if (v == null) {
            throw new CsvFormatException(file, lineNo, "column " + column + " is not a number: '" + text + "'");
        }
        if (!Double.isFinite(v)) {
            throw new CsvFormatException(file, lineNo, "column " + column + " overflows a double: '" + text + "'");
        }
        return v;
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Reader options; a fluent, mutable builder. */
    public static final class Options {
        private char separator = ',';
        private char decimalMark = '.';
        private String timeColumnName;
        private int timeColumnIndex = 0;
        private double timeScaleToMs = 1.0;
        private String[] valueColumns;
        private String key;
        private boolean allowUnorderedTime;

        private Options() {}

        public Options separator(char separator) {
            this.separator = separator;
            return this;
        }

        public Options decimalMark(char decimalMark) {
            this.decimalMark = decimalMark;
            return this;
        }

        /** The time column by header name. */
        public Options timeColumn(String name) {
            this.timeColumnName = name;
            return this;
        }

        /** The time column by 0-based index. */
        public Options timeColumn(int index) {
            this.timeColumnName = null;
            this.timeColumnIndex = index;
            return this;
        }

        /** Multiplier from the file's time unit to ms: 1 for ms (default), 1000 for seconds. */
        public Options timeScaleToMs(double scale) {
            this.timeScaleToMs = scale;
            return this;
        }

        public Options timeInSeconds() {
            return timeScaleToMs(1000.0);
        }

        /** Value columns by header name, in output order; default every other numeric column. */
        public Options valueColumns(String... names) {
            this.valueColumns = names.clone();
            return this;
        }

        /** Stream key; default the file name without its extension. */
        public Options key(String key) {
            this.key = key;
            return this;
        }

        /** Accept equal or decreasing timestamps (e.g. to inspect a file); off by default. */
        public Options allowUnorderedTime(boolean allow) {
            this.allowUnorderedTime = allow;
            return this;
        }

        private void validate() {
            if (separator == decimalMark) {
                throw new IllegalArgumentException("separator and decimal mark are both '" + separator + "'");
            }
            if (separator == '"' || decimalMark == '"') {
                throw new IllegalArgumentException("'\"' is the quote character");
            }
            if (!(timeScaleToMs > 0) || Double.isInfinite(timeScaleToMs)) {
                throw new IllegalArgumentException("time scale must be positive and finite: " + timeScaleToMs);
            }
            if (valueColumns != null && valueColumns.length == 0) {
                throw new IllegalArgumentException("value columns given but empty");
            }
            if (key != null && key.isBlank()) {
                throw new IllegalArgumentException("key must not be blank");
            }
        }

        private int timeIndex(Path file, List<String> header) throws CsvFormatException {
            if (timeColumnName != null) {
                int i = header.indexOf(timeColumnName);
                if (i < 0) {
                    throw new CsvFormatException(file, 1, "no time column '" + timeColumnName + "' in header " + header);
                }
                return i;
            }
            if (timeColumnIndex < 0 || timeColumnIndex >= header.size()) {
                throw new CsvFormatException(file, 1, "time column index " + timeColumnIndex + " outside the "
                        + header.size() + " header columns");
            }
            return timeColumnIndex;
        }

        private int[] valueIndexes(Path file, int lineNo, List<String> header, List<String> firstRow, int timeIndex,
                DecimalText numbers) throws CsvFormatException {
            if (valueColumns != null) {
                int[] idx = new int[valueColumns.length];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = header.indexOf(valueColumns[i]);
                    if (idx[i] < 0) {
                        throw new CsvFormatException(file, 1, "no value column '" + valueColumns[i] + "' in header " + header);
                    }
                    if (idx[i] == timeIndex) {
                        throw new CsvFormatException(file, 1, "column '" + valueColumns[i] + "' is the time column");
                    }
                }
                return idx;
            }
            // Default: the other columns that are numeric in the first data row (skips labels, ids, comments).
            int[] idx = new int[header.size()];
            int n = 0;
            for (int i = 0; i < header.size(); i++) {
                if (i != timeIndex && numbers.parse(firstRow.get(i)) != null) {
                    idx[n++] = i;
                }
            }
            if (n == 0) {
                throw new CsvFormatException(file, lineNo, "no numeric value column besides the time column");
            }
            return Arrays.copyOf(idx, n);
        }
    }
}
