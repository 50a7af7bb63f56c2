package io.tidecast.connectors.extmarker;

import io.tidecast.records.RecordOrigin;
import io.tidecast.records.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads the ExtMarker data set (27 CSVs: 9 recordings × 3 markers, see {@code data/extmarker/README.md}) into
 * one 9-value stream per recording.
 *
 * <ul>
 *   <li>Files sharing a {@code YYYYMMDDhhmm} prefix are one recording; its markers m1, m2, m3 are the files in
 *       alphabetical order, and each sample holds {@code x1,x2,x3,y1,y2,y3,z1,z2,z3} (mm, as written).</li>
 *   <li>Recordings are keyed {@code seq1}… in alphabetical (= chronological) order of prefix.</li>
 *   <li>All-zero rows {@code 0;0;0;0;0} are padding (missing data) and are dropped; if any one marker has
 *       one, the whole frame is dropped, since a sample needs all nine coordinates.</li>
 *   <li>The three files must have the same number of rows and the same frame number on every row (true of
 *       every shipped file); otherwise an {@link ExtMarkerFormatException} names the file and line.</li>
 *   <li>Event time = recording start + Timestamp column. The start is the file-name prefix read as
 *       <b>UTC</b> (the files do not say which zone the clock was in; UTC keeps the values reproducible).
 *       Mangled timestamps of gap-fill rows are repaired by the frame-clock rule of {@link FrameClock}:
 *       a Timestamp not within 50 ms of {@code round(frame*1000/60)} is replaced by that value, and a
 *       timestamp not after its predecessor becomes predecessor + 100 ms. Timestamps are then strictly
 *       increasing per key.</li>
 *   <li>Gap-fill coordinates with many decimals are kept as they are.</li>
 * </ul>
 * Each sample's origin is {@code (m1 file name, -1, line number)} for tracing.
 */
public final class ExtMarkerReader {
    private static final DateTimeFormatter PREFIX_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmm");

    private ExtMarkerReader() {}

    /** Reads every recording in {@code directory}, ordered {@code seq1}, {@code seq2}, … */
    public static List<Recording> read(Path directory) throws IOException {
        List<Recording> recordings = new ArrayList<>();
        int index = 0;
        for (List<ExtMarkerFileName> markers : recordingsIn(directory).values()) {
            index++;
            recordings.add(readRecording("seq" + index, markers));
        }
        return recordings;
    }

    /**
     * The published 10 Hz conversion of sequence {@code sequence} (1-based), as in the authors'
     * {@code convert_csv_to_mat.m}: subtract the first row, drop the <b>last</b> row of every file whether or not
     * it is padding, round to float32. Returns {@code 9 × T} with rows {@code x1,x2,x3,y1,y2,y3,z1,z2,z3}.
     * Timestamps are not used, so no repair is applied.
     */
    public static double[][] paperMatrix(Path directory, int sequence) throws IOException {
        List<List<ExtMarkerFileName>> all = new ArrayList<>(recordingsIn(directory).values());
        if (sequence < 1 || sequence > all.size()) {
            throw new IllegalArgumentException("sequence " + sequence + " not in 1.." + all.size() + " in " + directory);
        }
        List<List<MarkerRow>> rows = readAligned(all.get(sequence - 1));
        int t = rows.get(0).size() - 1;
        double[][] matrix = new double[9][t];
        for (int m = 0; m < 3; m++) {
            List<MarkerRow> marker = rows.get(m);
            MarkerRow first = marker.get(0);
            for (int i = 0; i < t; i++) {
                MarkerRow r = marker.get(i);
                matrix[m][i] = (float) (r.x() - first.x());
                matrix[3 + m][i] = (float) (r.y() - first.y());
                matrix[6 + m][i] = (float) (r.z() - first.z());
            }
        }
        return matrix;
    }

    /** Epoch ms of a {@code YYYYMMDDhhmm} prefix read as UTC. */
    public static long startMillis(String prefix) {
        return LocalDateTime.parse(prefix, PREFIX_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static Recording readRecording(String key, List<ExtMarkerFileName> markers) throws IOException {
        List<List<MarkerRow>> rows = readAligned(markers);
        ExtMarkerFileName first = markers.get(0);
        long start = startMillis(first.prefix());
        String originName = first.path().getFileName().toString();
        FrameClock clock = new FrameClock();
        List<Sample> samples = new ArrayList<>(rows.get(0).size());
        for (int i = 0; i < rows.get(0).size(); i++) {
            MarkerRow r1 = rows.get(0).get(i), r2 = rows.get(1).get(i), r3 = rows.get(2).get(i);
            if (r1.isPadding() || r2.isPadding() || r3.isPadding()) {
                continue;
            }
            Sample s = new Sample(key, start + clock.next(r1.frame(), r1.timestampText()), new double[] {
                    r1.x(), r2.x(), r3.x(), r1.y(), r2.y(), r3.y(), r1.z(), r2.z(), r3.z()});
            s.origin = new RecordOrigin(originName, -1, r1.line());
            samples.add(s);
        }
        List<String> names = markers.stream().map(ExtMarkerFileName::marker).toList();
        return new Recording(key, first.prefix(), first.label(), names, samples);
    }

    /** Rows of the three marker files, checked to describe the same frames. */
    private static List<List<MarkerRow>> readAligned(List<ExtMarkerFileName> markers) throws IOException {
        List<List<MarkerRow>> rows = new ArrayList<>(3);
        for (ExtMarkerFileName m : markers) {
            rows.add(MarkerFile.readRows(m.path()));
        }
        List<MarkerRow> reference = rows.get(0);
        for (int m = 1; m < 3; m++) {
            List<MarkerRow> other = rows.get(m);
            Path file = markers.get(m).path();
            if (other.size() != reference.size()) {
                throw new ExtMarkerFormatException(file, 0, other.size() + " data rows, but "
                        + markers.get(0).path().getFileName() + " has " + reference.size());
            }
            for (int i = 0; i < other.size(); i++) {
                MarkerRow a = reference.get(i), b = other.get(i);
                if (a.frame() != b.frame() || !a.timestampText().equals(b.timestampText())) {
                    throw new ExtMarkerFormatException(file, b.line(), "frame " + b.frame() + " / timestamp "
                            + b.timestampText() + " does not match " + markers.get(0).path().getFileName()
                            + " (frame " + a.frame() + " / timestamp " + a.timestampText() + ")");
                }
            }
        }
        return rows;
    }

    /** Marker files grouped by recording prefix (sorted), each group sorted by file name and checked to hold 3. */
    private static Map<String, List<ExtMarkerFileName>> recordingsIn(Path directory) throws IOException {
        Map<String, List<ExtMarkerFileName>> byPrefix = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                ExtMarkerFileName name = ExtMarkerFileName.parse(p);
                if (name != null) {
                    byPrefix.computeIfAbsent(name.prefix(), k -> new ArrayList<>()).add(name);
                }
            }
        }
        if (byPrefix.isEmpty()) {
            throw new IOException("no ExtMarker CSV files (YYYYMMDDhhmm-MARKER-1-LABEL-SECONDS-6.csv) in " + directory);
        }
        for (Map.Entry<String, List<ExtMarkerFileName>> e : byPrefix.entrySet()) {
            if (e.getValue().size() != 3) {
                throw new ExtMarkerFormatException(e.getValue().get(0).path(), 0,
                        "recording " + e.getKey() + " has " + e.getValue().size() + " marker files, expected 3");
            }
        }
        return byPrefix;
    }
}
