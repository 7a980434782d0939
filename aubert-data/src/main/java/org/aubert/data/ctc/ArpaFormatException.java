package org.aubert.data.ctc;

import java.io.IOException;
import java.nio.file.Path;

/** A malformed ARPA language-model file; the message names the file and the 1-based line. */
public final class ArpaFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;

    /** @param line 1-based line of the problem, or 0 when it concerns the file as a whole */
    public ArpaFormatException(Path file, long line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public Path file() { return file; }

    /** 1-based line number, or 0 when the problem is not tied to one line. */
    public long line() { return line; }
}
