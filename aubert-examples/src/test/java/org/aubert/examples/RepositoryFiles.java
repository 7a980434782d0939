package org.aubert.examples;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds committed repository files (demo corpus, demo models) from wherever Maven runs a module's tests. */
public final class RepositoryFiles {
    private RepositoryFiles() {}

    /** The nearest folder at or above the working folder that holds the file {@code relative}; fails the test if none. */
    public static Path rootHolding(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(relative))) return d;
        }
        fail(relative + " not found above " + dir);
        return null;
    }
}
