/**
 * VAD cutting, the first stage of the data pipeline ({@code aubert cut}).
 *
 * <p>{@link org.aubert.data.vad.VadCutter} walks a libri-light tree ({@code <speaker>/<book>/<name>.flac} with
 * {@code <name>.json}), takes voice activity from the JSON's {@code voice_activity} list or from
 * {@link org.aubert.data.vad.EnergyVad}, groups the segments into pieces of at most the target length with
 * {@link org.aubert.data.vad.VadStitcher} (exactly libri-light's {@code cut_by_vad.py} rule: silences dropped, a piece
 * closed before a segment that would push its nominal length past the target, a longer segment alone, sample indices
 * truncated) and writes each file's pieces, with a JSON per piece mapping piece time back to source time, into one
 * folder that appears atomically.
 */
package org.aubert.data.vad;
