package org.aubert.core.audio;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An audio file that is malformed, truncated, or in a variant this package does not read.
 * The message always starts with the file name so that a failure in a large data pipeline can be traced.
 */
public final class AudioFormatException extends IOException {

    AudioFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    AudioFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
