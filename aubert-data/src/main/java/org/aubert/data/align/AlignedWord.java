package org.aubert.data.align;

/**
 * One word of a forced alignment, written in the alignment JSON as {@code [word, char_start, char_end, audio_start_ms,
 * audio_end_ms]}: char offsets index the book's {@code raw} (code points), times are ms from the start of the audio file.
 */
public record AlignedWord(String word, int charStart, int charEnd, long audioStartMs, long audioEndMs) {}
