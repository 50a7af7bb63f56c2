package io.tidecast.connectors;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the data shipped in the repository, whichever directory the tests run from. */
public final class TestData {
    private TestData() {}

    public static Path dir(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("data").resolve(relative);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("data/" + relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
