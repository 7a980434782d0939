package org.aubert.data.align;

/** A transcript cannot be aligned to its emissions; {@link #reason()} says why, the message says where. */
public final class AlignmentException extends IllegalArgumentException {

    /** Why an alignment was refused. */
    public enum Reason {
        /** No words left after normalisation. */
        EMPTY_TEXT,
        /** A character of the normalised text is not in the CTC vocabulary. */
        OUT_OF_VOCABULARY,
        /** Fewer frames than labels plus the blanks that repeated labels need. */
        TOO_SHORT,
        /** No alignment path inside the search band (widen the band). */
        NO_PATH
    }

    private final Reason reason;

    public AlignmentException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() { return reason; }
}
