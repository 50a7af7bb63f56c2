package io.tidecast.connectors.csv;

import java.io.IOException;
import java.nio.file.Path;

/** A CSV file that cannot be read as configured; the message names the file and the 1-based line. */
public final class CsvFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int line;

    public CsvFormatException(Path file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.line = line;
    }

    /** 1-based line number of the offending line (1 = header). */
    public int line() {
        return line;
    }
}
