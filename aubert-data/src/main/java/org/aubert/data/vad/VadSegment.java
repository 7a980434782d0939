package org.aubert.data.vad;

/**
 * One voice-activity segment in seconds from the start of the audio file, as in libri-light's
 * {@code voice_activity} list ({@code [start_s, end_s]}). Values are kept as given: the cutter reproduces
 * libri-light's handling of odd segments (reversed, negative or past the end) rather than rejecting them.
 */
public record VadSegment(double startSec, double endSec) {

    public VadSegment {
        if (!Double.isFinite(startSec) || !Double.isFinite(endSec)) {
            throw new IllegalArgumentException("segment bounds must be finite, got [" + startSec + ", " + endSec + "]");
        }
    }

    /** The nominal length {@code end - start} that libri-light adds up when grouping segments. */
    public double lengthSec() { return endSec - startSec; }
}
