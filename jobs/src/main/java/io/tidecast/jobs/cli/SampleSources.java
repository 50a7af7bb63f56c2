package io.tidecast.jobs.cli;

import io.tidecast.connectors.csv.CsvSeries;
import io.tidecast.connectors.extmarker.ExtMarkerReader;
import io.tidecast.connectors.extmarker.Recording;
import io.tidecast.connectors.replay.StartAlignment;
import io.tidecast.records.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where samples come from on the command line: the ExtMarker directory or a generic CSV file. */
public final class SampleSources {
    @Option(names = "--data", paramLabel = "DIR|FILE",
            description = "An ExtMarker directory (the 27 marker CSVs) or a CSV file with a time column and value columns "
                    + "(default: the bundled ExtMarker data).")
    Path data;

    @Option(names = "--time-column", paramLabel = "NAME", description = "CSV: the time column (default: the first column).")
    String timeColumn;

    @Option(names = "--time-unit", paramLabel = "ms|s", defaultValue = "ms", description = "CSV: unit of the time column (default: ${DEFAULT-VALUE}).")
    String timeUnit;

    @Option(names = "--columns", paramLabel = "NAME[,NAME...]", split = ",", description = "CSV: value columns (default: every other column).")
    List<String> columns;

    @Option(names = "--key", paramLabel = "KEY", description = "CSV: stream key (default: the file name without extension).")
    String key;

    @Option(names = "--separator", paramLabel = "CHAR", defaultValue = ",", description = "CSV: field separator (default: '${DEFAULT-VALUE}').")
    char separator;

    @Option(names = "--decimal", paramLabel = "CHAR", defaultValue = ".", description = "CSV: decimal mark (default: '${DEFAULT-VALUE}').")
    char decimal;

    @Option(names = "--timestamps", paramLabel = "aligned|original", defaultValue = "aligned",
            description = "aligned: every stream starts at the same instant (the earliest start), as live streams share one "
                    + "clock; original: the recorded times (default: ${DEFAULT-VALUE}).")
    String timestamps;

    /** The bundled ExtMarker data: {@code data/extmarker} under the Tidecast home. */
    public static Path bundledExtMarker() {
        String home = System.getProperty("tidecast.home", ".");
        return Path.of(home, "data", "extmarker");
    }

    public Path path() {
        return data != null ? data : bundledExtMarker();
    }

    public List<Sample> load() {
        List<Sample> samples = read();
        return switch (timestamps) {
            case "aligned" -> StartAlignment.alignStarts(samples);
            case "original" -> samples;
            default -> throw new UserError("--timestamps must be aligned or original, not '" + timestamps + "'");
        };
    }

    private List<Sample> read() {
        Path p = path();
        try {
            if (Files.isDirectory(p)) {
                List<Sample> all = new ArrayList<>();
                for (Recording r : ExtMarkerReader.read(p)) all.addAll(r.samples());
                if (all.isEmpty()) throw new UserError("no ExtMarker recordings in " + p + " (expected files like 201205101519-LAC-1-T-222-6.csv)");
                return all;
            }
            if (!Files.isRegularFile(p)) throw new UserError("--data " + p + " does not exist");
            CsvSeries.Options o = CsvSeries.options().separator(separator).decimalMark(decimal);
            if (timeColumn != null) o.timeColumn(timeColumn);
            if ("s".equals(timeUnit)) o.timeInSeconds();
            else if (!"ms".equals(timeUnit)) throw new UserError("--time-unit must be ms or s, not '" + timeUnit + "'");
            if (columns != null) o.valueColumns(columns.toArray(String[]::new));
            if (key != null) o.key(key);
            return CsvSeries.read(p, o);
        } catch (IOException e) {
            throw new UserError("cannot read " + p + ": " + e.getMessage());
        }
    }
}
