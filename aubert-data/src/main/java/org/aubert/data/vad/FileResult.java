package org.aubert.data.vad;

import java.nio.file.Path;

/**
 * What {@link VadCutter} did with one source file.
 *
 * @param source     the audio file (or, for a VAD JSON without audio, the JSON file)
 * @param status     cut, skipped (output exists) or failed
 * @param pieces     pieces written
 * @param sourceSec  length of the source audio in seconds (0 when it could not be read)
 * @param pieceSec   total length of the pieces written
 * @param error      why it failed, naming the file (and key for JSON errors); null otherwise
 */
public record FileResult(Path source, Status status, int pieces, double sourceSec, double pieceSec, String error) {

    public enum Status { CUT, SKIPPED, FAILED }

    static FileResult failed(Path source, String error) {
        return new FileResult(source, Status.FAILED, 0, 0, 0, error);
    }

    static FileResult skipped(Path source) {
        return new FileResult(source, Status.SKIPPED, 0, 0, 0, null);
    }
}
