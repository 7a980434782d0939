/**
 * Matching transcripts to book text and refining the spans, the pipeline's text-side stages between transcription
 * and forced alignment.
 *
 * <ul>
 *   <li>{@link org.aubert.data.match.Levenshtein}: bit-parallel Levenshtein and indel distances over code points, and
 *       python-Levenshtein's {@code ratio}; a {@link org.aubert.data.match.Levenshtein.Pattern} gives the distances to
 *       all prefixes or all substring ends of a text in one pass.</li>
 *   <li>{@link org.aubert.data.match.BookMatcher}: the globally best span of a book for a transcript (word-bigram
 *       candidates, character alignment, word-boundary polish), in offsets of the book's {@code raw}.</li>
 *   <li>{@link org.aubert.data.match.BoundaryRefiner}: the original pipeline's Levenshtein boundary refinement,
 *       reproduced exactly.</li>
 *   <li>{@link org.aubert.data.match.MatchRunner} and {@link org.aubert.data.match.RefineRunner}: the two stages over
 *       files ({@code aubert match}, {@code aubert refine}), writing alignment JSON
 *       ({@link org.aubert.data.alignment.AlignmentFile}).</li>
 * </ul>
 *
 * <p>All offsets count Unicode code points, as Python's {@code str} does, so files stay compatible with the original
 * pipeline's.
 */
package org.aubert.data.match;
