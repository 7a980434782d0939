/**
 * Word-level CTC forced alignment (the {@code aubert align} stage).
 *
 * <p>{@link org.aubert.data.align.TranscriptText} turns a refined book span into normalised words that keep their
 * character spans; {@link org.aubert.data.align.TranscriptAligner} spells them with the CTC vocabulary ("|" between
 * words) and runs {@link org.aubert.data.align.CtcForcedAligner}, a Viterbi search over the blank-interleaved label
 * sequence; {@link org.aubert.data.align.FrameGeometry} maps frames to milliseconds from the model's conv strides
 * and kernels (the time convention is documented there); {@link org.aubert.data.align.EmissionWindows} computes the
 * emissions of long audio in overlapping windows and stitches them.
 */
package org.aubert.data.align;
