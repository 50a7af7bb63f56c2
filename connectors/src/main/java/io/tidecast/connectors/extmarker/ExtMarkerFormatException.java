package io.tidecast.connectors.extmarker;

import java.io.IOException;
import java.nio.file.Path;

/** An ExtMarker file that cannot be read as documented, with the file and line where it went wrong. */
public final class ExtMarkerFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public ExtMarkerFormatException(Path file, int line, String problem) {
        super(file.getFileName() + (line > 0 ? ":" + line : "") + ": " + problem);
    }
}
