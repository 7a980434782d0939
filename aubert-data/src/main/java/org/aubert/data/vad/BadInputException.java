package org.aubert.data.vad;

import java.io.IOException;
import java.nio.file.Path;

/** An input file the cutter cannot use (missing or malformed VAD JSON, undecodable audio); the message names the file. */
public final class BadInputException extends IOException {
    private static final long serialVersionUID = 1L;

    public BadInputException(Path file, String message) {
        super(file + ": " + message);
    }
}
