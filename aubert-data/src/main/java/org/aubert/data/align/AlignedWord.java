package org.aubert.data.align;

/**
 * A word of the book text with its place in the audio.
 *
 * @param word       normalised word
 * @param charStart  start of its whitespace token in the book text
 * @param charEnd    end (exclusive) of its whitespace token
 * @param startFrame first frame of its first character
 * @param endFrame   one past the last frame of its last character
 * @param startMs    its start: {@link FrameGeometry#boundaryMs} of {@code startFrame}, or where
 *                   {@link WordBoundaryPlacer} moved it
 * @param endMs      its end: {@link FrameGeometry#boundaryMs} of {@code endFrame}, or where the placer moved it
 */
public record AlignedWord(String word, int charStart, int charEnd, int startFrame, int endFrame, long startMs, long endMs) {}
