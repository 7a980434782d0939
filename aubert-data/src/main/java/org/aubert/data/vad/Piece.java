package org.aubert.data.vad;

import java.util.List;

/**
 * One output piece of {@link VadStitcher}: source runs concatenated in order (the silences between them are
 * dropped). {@code index} is the piece number in the file name ({@code <name>_NNNN}).
 */
public record Piece(int index, List<Run> runs) {

    /** Source samples {@code [sourceStart, sourceEnd)} placed at {@code pieceStart} samples into the piece. */
    public record Run(long pieceStart, long sourceStart, long sourceEnd) {
        public long length() { return sourceEnd - sourceStart; }
    }

    public Piece {
        runs = List.copyOf(runs);
    }

    /** Samples in the piece. */
    public long length() {
        return runs.isEmpty() ? 0 : runs.get(runs.size() - 1).pieceStart() + runs.get(runs.size() - 1).length();
    }
}
