package io.tidecast.connectors.extmarker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidecast.connectors.TestData;
import io.tidecast.records.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExtMarkerReaderTest {
    private static final Path DIR = TestData.dir("extmarker");
    private static List<Recording> recordings;

    @BeforeAll
    static void readAll() throws IOException {
        recordings = ExtMarkerReader.read(DIR);
    }

    @Test
    void readsNineRecordingsInChronologicalOrder() {
        assertThat(recordings).extracting(Recording::key)
                .containsExactly("seq1", "seq2", "seq3", "seq4", "seq5", "seq6", "seq7", "seq8", "seq9");
        assertThat(recordings).extracting(Recording::prefix).containsExactly("201205101519", "201205101522",
                "201205101534", "201205101536", "201205101541", "201205111055", "201205111057", "201205181211",
                "201205181220");
        assertThat(recordings).extracting(Recording::label)
                .containsExactly("T", "N", "NO", "LT", "N", "N", "O", "N", "N");
        assertThat(recordings.get(0).markers()).containsExactly("LAC", "UAC", "UCC");
        assertThat(recordings.get(5).markers()).containsExactly("LAC", "LAR", "UAR");
    }

    @Test
    void dropsOnlyTheTrailingZeroRows() {
        // data rows per file: 2221,1384,1298,1423,1308,1172,727,3200,3062; seq 1,2,3,8,9 end with 0;0;0;0;0
        Map<String, Integer> expected = Map.of("seq1", 2220, "seq2", 1383, "seq3", 1297, "seq4", 1423,
                "seq5", 1308, "seq6", 1172, "seq7", 727, "seq8", 3199, "seq9", 3061);
        for (Recording r : recordings) {
            assertThat(r.samples()).as(r.key()).hasSize(expected.get(r.key()));
            for (Sample s : r.samples()) {
                assertThat(s.values).hasSize(9);
                assertThat(s.values).as("no padding row left in %s", r.key()).isNotEqualTo(new double[9]);
                assertThat(s.key).isEqualTo(r.key());
            }
        }
    }

    @Test
    void timestampsStrictlyIncreaseFromTheRecordingStart() {
        for (Recording r : recordings) {
            long start = ExtMarkerReader.startMillis(r.prefix());
            assertThat(r.samples().get(0).ts).isEqualTo(start);
            long previous = Long.MIN_VALUE;
            for (Sample s : r.samples()) {
                assertThat(s.ts).as("%s line %s", r.key(), s.origin.offset).isGreaterThan(previous);
                // every step is one or two 60 Hz frames away from the nominal 100 ms
                if (previous != Long.MIN_VALUE) {
                    assertThat(s.ts - previous).isBetween(83L, 117L);
                }
                previous = s.ts;
            }
        }
    }

    @Test
    void startIsThePrefixReadAsUtc() {
        assertThat(ExtMarkerReader.startMillis("201205101519")).isEqualTo(1336663140000L); // 2012-05-10T15:19Z
    }

    @Test
    void firstSampleHoldsTheFirstRowOfEachMarker() {
        Sample first = recordings.get(0).samples().get(0);
        // LAC 0;0;-490,7;4,1;64,7 and its UAC, UCC rows
        assertThat(first.values[0]).isEqualTo(-490.7);
        assertThat(first.values[3]).isEqualTo(4.1);
        assertThat(first.values[6]).isEqualTo(64.7);
        assertThat(recordings.get(0).samples().get(1).ts - first.ts).isEqualTo(117);
    }

    @Test
    void repairsMangledTimestampsFromTheFrameClock() {
        // seq3 lines 130-131 hold "25,6" and "25,8" (frames 768, 774) between 12700 and 13017
        Recording seq3 = recordings.get(2);
        long start = ExtMarkerReader.startMillis(seq3.prefix());
        assertThat(relativeTsAtLine(seq3, 129)).isEqualTo(12700);
        assertThat(relativeTsAtLine(seq3, 130)).isEqualTo(12800);
        assertThat(relativeTsAtLine(seq3, 131)).isEqualTo(12900);
        assertThat(relativeTsAtLine(seq3, 132)).isEqualTo(13017);
        // "45,0666666666667" at frame 1352 becomes 22533; its many-decimal coordinates stay as written
        assertThat(relativeTsAtLine(seq3, 227)).isEqualTo(22533);
        assertThat(sampleAtLine(seq3, 227).values[0]).isEqualTo(-484.766666666667);
        // seq6 line 12 holds the whole number "2" (frame 60): also mangled
        assertThat(relativeTsAtLine(recordings.get(5), 12)).isEqualTo(1000);
        assertThat(relativeTsAtLine(recordings.get(5), 13)).isEqualTo(1100);
        // "1e+05" is a well-formed 100000
        assertThat(relativeTsAtLine(recordings.get(1), 1001)).isEqualTo(100000);
        assertThat(start).isPositive();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9})
    void paperMatrixEqualsThePublishedTenHertzExport(int seq) throws IOException {
        double[][] matrix = ExtMarkerReader.paperMatrix(DIR, seq);
        List<String> lines = Files.readAllLines(TestData.dir("extmarker-resampled").resolve("seq" + seq + "_10Hz.csv"));
        assertThat(lines.get(0)).isEqualTo("x1,x2,x3,y1,y2,y3,z1,z2,z3");
        assertThat(matrix).hasNumberOfRows(9);
        assertThat(matrix[0].length).isEqualTo(lines.size() - 1);
        for (int t = 0; t < matrix[0].length; t++) {
            String[] cells = lines.get(t + 1).split(",");
            for (int c = 0; c < 9; c++) {
                assertThat((float) matrix[c][t]).as("seq%d row %d col %d", seq, t, c)
                        .isEqualTo(Float.parseFloat(cells[c]));
            }
        }
    }

    @Test
    void rejectsMarkerFilesOfDifferentLengths(@TempDir Path dir) throws IOException {
        String header = "\"Frame\";\"Timestamp\";\"x\";\"y\";\"z\"\r\n";
        Files.writeString(dir.resolve("201201010000-AAA-1-N-1-6.csv"), header + "0;0;1;2;3\r\n6;100;1;2;3\r\n");
        Files.writeString(dir.resolve("201201010000-BBB-1-N-1-6.csv"), header + "0;0;1;2;3\r\n");
        Files.writeString(dir.resolve("201201010000-CCC-1-N-1-6.csv"), header + "0;0;1;2;3\r\n6;100;1;2;3\r\n");
        assertThatThrownBy(() -> ExtMarkerReader.read(dir)).isInstanceOf(ExtMarkerFormatException.class)
                .hasMessageContaining("201201010000-BBB-1-N-1-6.csv").hasMessageContaining("1 data rows");
    }

    @Test
    void rejectsMisalignedFramesAndBadNumbersWithFileAndLine(@TempDir Path dir) throws IOException {
        String header = "\"Frame\";\"Timestamp\";\"x\";\"y\";\"z\"\n";
        Files.writeString(dir.resolve("201201010000-AAA-1-N-1-6.csv"), header + "0;0;1;2;3\n6;100;1;2;3\n");
        Files.writeString(dir.resolve("201201010000-BBB-1-N-1-6.csv"), header + "0;0;1;2;3\n7;117;1;2;3\n");
        Files.writeString(dir.resolve("201201010000-CCC-1-N-1-6.csv"), header + "0;0;1;2;3\n6;100;1;2;3\n");
        assertThatThrownBy(() -> ExtMarkerReader.read(dir)).isInstanceOf(ExtMarkerFormatException.class)
                .hasMessageContaining("BBB-1-N-1-6.csv:3: frame 7");
        Files.writeString(dir.resolve("201201010000-BBB-1-N-1-6.csv"), header + "0;0;1;2;3\n6;100;1;2;3\n");
        Files.writeString(dir.resolve("201201010000-CCC-1-N-1-6.csv"), header + "0;0;1;2;3\n6;100;1;x;3\n");
        assertThatThrownBy(() -> ExtMarkerReader.read(dir)).isInstanceOf(ExtMarkerFormatException.class)
                .hasMessageContaining("CCC-1-N-1-6.csv:3: not a number");
    }

    @Test
    void rejectsAWrongHeaderAndAnIncompleteRecording(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("201201010000-AAA-1-N-1-6.csv"), "Frame,Timestamp,x,y,z\n0,0,1,2,3\n");
        assertThatThrownBy(() -> ExtMarkerReader.read(dir)).isInstanceOf(ExtMarkerFormatException.class)
                .hasMessageContaining("has 1 marker files, expected 3");
        Files.writeString(dir.resolve("201201010000-BBB-1-N-1-6.csv"), "x");
        Files.writeString(dir.resolve("201201010000-CCC-1-N-1-6.csv"), "x");
        assertThatThrownBy(() -> ExtMarkerReader.read(dir)).isInstanceOf(ExtMarkerFormatException.class)
                .hasMessageContaining("AAA-1-N-1-6.csv:1: expected header");
    }

    @Test
    void timestampNotAfterItsPredecessorBecomesPredecessorPlusTheNominalStep() {
        FrameClock clock = new FrameClock();
        assertThat(clock.next(0, "0")).isEqualTo(0);
        assertThat(clock.next(6, "100")).isEqualTo(100);
        assertThat(clock.next(6, "100")).isEqualTo(200); // a repeated frame
        assertThat(clock.next(12, "200")).isEqualTo(300);
        assertThat(clock.next(24, "garbage")).isEqualTo(400);
        assertThat(clock.repairs()).isEqualTo(3);
    }

    private static Sample sampleAtLine(Recording r, int line) {
        return r.samples().stream().filter(s -> s.origin.offset == line).findFirst().orElseThrow();
    }

    private static long relativeTsAtLine(Recording r, int line) {
        return sampleAtLine(r, line).ts - ExtMarkerReader.startMillis(r.prefix());
    }
}
