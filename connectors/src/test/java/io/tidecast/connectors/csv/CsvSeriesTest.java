package io.tidecast.connectors.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidecast.connectors.TestData;
import io.tidecast.records.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvSeriesTest {
    @TempDir
    Path dir;

    @Test
    void readsDefaultsTimeInColumnZeroAndAllOtherNumericColumns() throws IOException {
        Path f = write("sensor-7.csv", "ts,label,a,b\n1000,x,1.5,-2\n\n1100,y,2.5e1,3\n");
        List<Sample> s = CsvSeries.read(f);
        assertThat(s).containsExactly(new Sample("sensor-7", 1000, new double[] {1.5, -2}),
                new Sample("sensor-7", 1100, new double[] {25, 3}));
        assertThat(s.get(1).origin.topic).isEqualTo("sensor-7.csv");
        assertThat(s.get(1).origin.offset).isEqualTo(4); // the blank line still counts
    }

    @Test
    void readsNamedColumnsSecondsSemicolonsAndDecimalCommas() throws IOException {
        Path f = write("x.csv", "\uFEFF\"Frame\";\"Time\";\"x\";\"y\"\n0;0,5;-490,7;4\n6;0,6;-490,8;\"4,25\"\n");
        List<Sample> s = CsvSeries.read(f, CsvSeries.options().separator(';').decimalMark(',')
                .timeColumn("Time").timeInSeconds().valueColumns("y", "x").key("seq1"));
        assertThat(s).containsExactly(new Sample("seq1", 500, new double[] {4, -490.7}),
                new Sample("seq1", 600, new double[] {4.25, -490.8}));
    }

    @Test
    void readsTheTimeColumnByIndexAndKeepsLargeEpochMillisExact() throws IOException {
        Path f = write("e.csv", "v,t\n1,1336650000117\n2,1336650000217\n");
        List<Sample> s = CsvSeries.read(f, CsvSeries.options().timeColumn(1));
        assertThat(s).extracting(x -> x.ts).containsExactly(1336650000117L, 1336650000217L);
        assertThat(s.get(1).values).containsExactly(2);
    }

    @Test
    void readsAShippedExtMarkerFileWithTheExtMarkerFormat() throws IOException {
        Path f = TestData.dir("extmarker").resolve("201205101519-LAC-1-T-222-6.csv");
        List<Sample> s = CsvSeries.read(f, CsvSeries.options().separator(';').decimalMark(',')
                .timeColumn("Timestamp").valueColumns("x", "y", "z").allowUnorderedTime(true));
        assertThat(s).hasSize(2221);
        assertThat(s.get(0)).isEqualTo(new Sample("201205101519-LAC-1-T-222-6", 0, new double[] {-490.7, 4.1, 64.7}));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("", 1, "empty file"),
                Arguments.of("ts,a\n1,2,3\n", 2, "expected 2 fields (as in the header), found 3"),
                Arguments.of("ts,a\n1,2\n2\n", 3, "expected 2 fields (as in the header), found 1"),
                Arguments.of("ts,a\n1,2\nx,3\n", 3, "time column ts is not a number: 'x'"),
                Arguments.of("ts,a\n1,2\n2,abc\n", 3, "column a is not a number: 'abc'"),
                Arguments.of("ts,a\n1,2\n2,\n", 3, "empty value in column a"),
                Arguments.of("ts,a\n1,2\n2,NaN\n", 3, "column a is not a number: 'NaN'"),
                Arguments.of("ts,a\n1,2\n2,Infinity\n", 3, "column a is not a number: 'Infinity'"),
                Arguments.of("ts,a\n1,2\n2,0x1p3\n", 3, "column a is not a number: '0x1p3'"),
                Arguments.of("ts,a\n1,2\n2,1.5d\n", 3, "column a is not a number: '1.5d'"),
                Arguments.of("ts,a\n1,2\n2,1e999\n", 3, "column a overflows a double: '1e999'"),
                Arguments.of("ts,a\n1,2\n2,\"3\n", 3, "unterminated quoted field"),
                Arguments.of("ts,a\n1,2\n1,3\n", 3, "time 1 ms is not after the previous row's 1 ms"),
                Arguments.of("ts,a\n5,2\n4,3\n", 3, "time 4 ms is not after the previous row's 5 ms"),
                Arguments.of("ts,a\n1,2\n1e30,3\n", 3, "time 1e30 is out of range"),
                Arguments.of("ts,label\n1,x\n", 2, "no numeric value column besides the time column"),
                Arguments.of("ts,a\n1,2\n2,\u0000\n", 3, "column a is not a number"));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("malformed")
    void malformedLinesNameFileAndLine(String content, int line, String problem) throws IOException {
        Path f = write("bad.csv", content);
        assertThatThrownBy(() -> CsvSeries.read(f))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageStartingWith(f + ":" + line + ": " + problem)
                .satisfies(e -> assertThat(((CsvFormatException) e).line()).isEqualTo(line));
    }

    @Test
    void missingColumnsAreReportedAgainstTheHeader() throws IOException {
        Path f = write("h.csv", "ts,a\n1,2\n");
        assertThatThrownBy(() -> CsvSeries.read(f, CsvSeries.options().timeColumn("time")))
                .isInstanceOf(CsvFormatException.class).hasMessageContaining(":1: no time column 'time'");
        assertThatThrownBy(() -> CsvSeries.read(f, CsvSeries.options().valueColumns("b")))
                .isInstanceOf(CsvFormatException.class).hasMessageContaining(":1: no value column 'b'");
        assertThatThrownBy(() -> CsvSeries.read(f, CsvSeries.options().timeColumn(5)))
                .isInstanceOf(CsvFormatException.class).hasMessageContaining(":1: time column index 5");
        assertThatThrownBy(() -> CsvSeries.read(f, CsvSeries.options().valueColumns("ts")))
                .isInstanceOf(CsvFormatException.class).hasMessageContaining("is the time column");
    }

    @Test
    void aDotIsRejectedWhenTheDecimalMarkIsAComma() throws IOException {
        Path f = write("c.csv", "t;v\n1;2,5\n2;1.234,5\n");
        assertThatThrownBy(() -> CsvSeries.read(f, CsvSeries.options().separator(';').decimalMark(',')))
                .isInstanceOf(CsvFormatException.class).hasMessageContaining(":3: column v is not a number: '1.234,5'");
    }

    @Test
    void inconsistentOptionsAreRejectedBeforeReading() {
        Path f = dir.resolve("none.csv");
        assertThatThrownBy(() -> CsvSeries.read(f, CsvSeries.options().separator(',').decimalMark(',')))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("separator and decimal mark");
        assertThatThrownBy(() -> CsvSeries.read(f, CsvSeries.options().timeScaleToMs(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time scale");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
