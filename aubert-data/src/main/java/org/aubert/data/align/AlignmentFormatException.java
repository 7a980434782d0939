package org.aubert.data.align;

/** An alignment JSON that cannot be read; the message names the file and the key or utterance. */
public final class AlignmentFormatException extends RuntimeException {
    public AlignmentFormatException(String message) { super(message); }
}
