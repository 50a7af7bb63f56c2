package io.tidecast.connectors.extmarker;

import io.tidecast.records.Sample;
import java.util.List;

/**
 * One ExtMarker recording: three markers of one volunteer, as one stream.
 *
 * @param key      stream key, {@code seq1} … {@code seq9} in chronological order of the recordings
 * @param prefix   the {@code YYYYMMDDhhmm} file-name prefix shared by the three marker files
 * @param label    breathing-pattern code from the file name (N, T, NO, LT, O)
 * @param markers  marker names m1, m2, m3 (e.g. LAC, UAC, UCC), alphabetical, as in the values order
 * @param samples  one 9-value sample per frame, values {@code x1,x2,x3,y1,y2,y3,z1,z2,z3} in mm,
 *                 strictly increasing timestamps
 */
public record Recording(String key, String prefix, String label, List<String> markers, List<Sample> samples) {
    public Recording {
        markers = List.copyOf(markers);
        samples = List.copyOf(samples);
    }
}
