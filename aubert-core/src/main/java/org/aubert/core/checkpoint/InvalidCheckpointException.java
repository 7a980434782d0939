package org.aubert.core.checkpoint;

import java.io.IOException;

/** A checkpoint file whose structure is wrong; the message names the file and, where known, the tensor. */
public class InvalidCheckpointException extends IOException {
    private static final long serialVersionUID = 1L;

    public InvalidCheckpointException(String message) { super(message); }

    public InvalidCheckpointException(String message, Throwable cause) { super(message, cause); }
}
