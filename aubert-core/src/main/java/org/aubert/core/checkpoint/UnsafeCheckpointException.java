package org.aubert.core.checkpoint;

import java.io.IOException;

/**
 * A checkpoint's pickle names a Python global outside the tensor-rebuild allow-list. Loading it in
 * Python would run that global; we never run anything, we refuse the file.
 */
public class UnsafeCheckpointException extends IOException {
    private final String refusedGlobal;

    public UnsafeCheckpointException(String source, String refusedGlobal) {
        super(source + ": refused to load global '" + refusedGlobal
                + "' (only tensor rebuilds and plain containers are allowed)");
        this.refusedGlobal = refusedGlobal;
    }

    /** The dotted name of the refused global as written in the pickle, e.g. {@code posix.system}. */
    public String refusedGlobal() { return refusedGlobal; }
}
