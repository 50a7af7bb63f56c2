package io.tidecast.connectors.extmarker;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of an ExtMarker file name {@code <YYYYMMDDhhmm>-<MARKER>-1-<LABEL>-<seconds>-6.csv}. */
record ExtMarkerFileName(Path path, String prefix, String marker, String label) {
    private static final Pattern NAME = Pattern.compile("(\\d{12})-([A-Za-z0-9]+)-\\d+-([A-Za-z]+)-\\d+-\\d+\\.csv");

    /** Returns null for a file that is not an ExtMarker CSV (e.g. README.md), so that directories can hold docs. */
    static ExtMarkerFileName parse(Path path) {
        Matcher m = NAME.matcher(path.getFileName().toString());
        return m.matches() ? new ExtMarkerFileName(path, m.group(1), m.group(2), m.group(3)) : null;
    }
}
